"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { SUGGESTED_TOKEN_NAME, tokenFormDefaults } from "@/lib/tokens/form-defaults";
import type { TokenKind } from "@/lib/tokens/tokens";
import { createTokenAction } from "./actions";
import { KIND } from "./kinds";
import { NewToken, type CreatedToken } from "./new-token";
import { PipelineFields } from "./pipeline-fields";

const TERMS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
];

export function TokenForm({ releases, services }: { releases: { id: string; title: string }[]; services: string[] }) {
  const create = useMutation(createTokenAction);
  const defaults = tokenFormDefaults();
  const [kind, setKind] = useState<TokenKind>(defaults.kind);
  // null until the admin types a name: the suggestion then follows the chosen kind.
  const [name, setName] = useState<string | null>(null);
  // A new key remounts the fields, back to their defaults, after a token is made.
  const [round, setRound] = useState(0);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Ticked scopes share one name: fromEntries would keep only the last.
    void create.run({ ...Object.fromEntries(form), scopes: form.getAll("scopes") }, (data) => {
      setCreated({ ...data, releaseTitle: releases.find((r) => r.id === data.releaseId)?.title ?? null });
      setKind(defaults.kind);
      setName(null);
      setRound((n) => n + 1);
    });
  };
  const pipeline = kind === "PIPELINE";
  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
      <h2 className="text-lg font-semibold">New token</h2>
      <FormError error={create.error} />
      <div key={round} className="space-y-4">
        <div className={`grid gap-3 ${pipeline ? "md:grid-cols-3" : "md:grid-cols-4"}`}>
          <TextInput
            label="Token name"
            id="token-name"
            name="name"
            value={name ?? SUGGESTED_TOKEN_NAME[kind]}
            onChange={(e) => setName(e.target.value)}
            errors={create.fieldError("name")}
          />
          <Select
            label="Allows"
            id="token-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as TokenKind)}
            options={Object.entries(KIND).map(([value, label]) => ({ value, label }))}
            errors={create.fieldError("kind")}
          />
          {!pipeline && (
            <Select
              label="Release"
              id="token-release"
              name="releaseId"
              defaultValue={defaults.releaseId}
              hint={kind === "SIGNAL_PUSH" ? "A push token sends samples to one release." : undefined}
              options={[{ value: "", label: "Any release (flag reads only)" }, ...releases.map((r) => ({ value: r.id, label: r.title }))]}
              errors={create.fieldError("releaseId")}
            />
          )}
          <Select
            label="Expires after"
            id="token-expiry"
            name="expiresInDays"
            defaultValue={defaults.expiresInDays}
            options={TERMS}
            errors={create.fieldError("expiresInDays")}
          />
        </div>
        {pipeline && <PipelineFields releases={releases} services={services} errors={create.fieldError} />}
      </div>
      <button type="submit" disabled={create.pending} className={buttonClass("primary")}>
        Create token
      </button>
      {created && <NewToken token={created} />}
    </form>
  );
}
