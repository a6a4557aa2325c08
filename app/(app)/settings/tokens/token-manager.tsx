"use client";

import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import { revokeTokenAction } from "./actions";
import { KIND, TokenForm } from "./token-form";
import { DataTable } from "@/components/ui/table";

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

export function TokenManager({ tokens, releases, now }: { tokens: TokenRow[]; releases: { id: string; title: string }[]; now: number }) {
  const revoke = useMutation(revokeTokenAction);
  return (
    <div className="space-y-6">
      <TokenForm releases={releases} />
      <FormError error={revoke.error} />
      {tokens.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200">
          No API tokens yet. A <strong>Push signals</strong> token lets a backfill job or CI send samples to one release; a <strong>Read flags</strong> token
          lets your applications evaluate kill switches over OFREP. Create one above: its secret is shown once.
        </p>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Allows" },
            { label: "Release" },
            { label: "Last used" },
            { label: "Expires" },
            { label: "Actions", srOnly: true },
          ]}
        >
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
                  <button
                    type="button"
                    className={buttonClass("secondary", "py-1 text-xs")}
                    disabled={revoke.pending}
                    onClick={() => void revoke.run({ tokenId: t.id })}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
