"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@/components/plan/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import { createTokenAction, revokeTokenAction } from "./actions";

export interface TokenRow {
  id: string;
  name: string;
  kind: "SIGNAL_PUSH" | "FLAG_READ";
  prefix: string;
  release: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

const KIND = { SIGNAL_PUSH: "Push signals", FLAG_READ: "Read flags (OFREP)" } as const;
const TERMS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
];

export function TokenManager({ tokens, releases, now }: { tokens: TokenRow[]; releases: { id: string; title: string }[]; now: number }) {
  const create = useMutation(createTokenAction);
  const revoke = useMutation(revokeTokenAction);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void create.run(Object.fromEntries(new FormData(form)), (data) => {
      setSecret(data.secret);
      form.reset();
    });
  };
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
        <h2 className="text-lg font-semibold">New token</h2>
        <FormError error={create.error} />
        <div className="grid gap-3 md:grid-cols-4">
          <TextInput label="Token name" id="token-name" name="name" errors={create.fieldError("name")} placeholder="backfill job" />
          <Select label="Allows" id="token-kind" name="kind" defaultValue="SIGNAL_PUSH" options={Object.entries(KIND).map(([value, label]) => ({ value, label }))} errors={create.fieldError("kind")} />
          <Select label="Release" id="token-release" name="releaseId" defaultValue="" options={[{ value: "", label: "Any release (flag reads only)" }, ...releases.map((r) => ({ value: r.id, label: r.title }))]} errors={create.fieldError("releaseId")} />
          <Select label="Expires after" id="token-expiry" name="expiresInDays" defaultValue="90" options={TERMS} errors={create.fieldError("expiresInDays")} />
        </div>
        <button type="submit" disabled={create.pending} className={buttonClass("primary")}>
          Create token
        </button>
        {secret && (
          <div role="status" className="space-y-1 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-600/30">
            <p className="font-medium">Copy this token now; it will not be shown again.</p>
            <code aria-label="New token" className="block break-all font-mono text-xs">
              {secret}
            </code>
          </div>
        )}
      </form>
      <FormError error={revoke.error} />
      <div className="relative overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Allows</th>
              <th scope="col" className="px-3 py-2">Release</th>
              <th scope="col" className="px-3 py-2">Last used</th>
              <th scope="col" className="px-3 py-2">Expires</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="px-3 py-2">
                  {t.name} <span className="font-mono text-xs text-slate-500">{t.prefix}…</span>
                </td>
                <td className="px-3 py-2">{KIND[t.kind]}</td>
                <td className="px-3 py-2">{t.release ?? "any"}</td>
                <td className="px-3 py-2">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                <td className="px-3 py-2">{t.expiresAt.getTime() <= now ? <Badge>Expired {formatDateTime(t.expiresAt)}</Badge> : formatDateTime(t.expiresAt)}</td>
                <td className="px-3 py-2 text-right">
                  {t.revokedAt ? (
                    <Badge>Revoked {formatDateTime(t.revokedAt)}</Badge>
                  ) : (
                    <button type="button" className={buttonClass("secondary", "py-1 text-xs")} disabled={revoke.pending} onClick={() => void revoke.run({ tokenId: t.id })} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
