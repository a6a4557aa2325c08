"use client";

import { useState } from "react";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FieldError } from "@/components/ui/form-error";
import { DEFAULT_TOKEN_SCOPES, TOKEN_SCOPE_LABEL, TOKEN_SCOPES } from "@/lib/tokens/scopes";

// A pipeline token's own fields: its scopes (read alone unless the admin ticks more) and what it
// covers. Only the chosen one of Release and Service is in the form, so the server's "name one of
// them" error lands on the field the admin sees.

type Errors = (field: "scopes" | "releaseId" | "service") => string[] | undefined;

const legend = "text-sm font-medium text-slate-800";
const box = "mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600";

export function PipelineFields({ releases, services, errors }: { releases: { id: string; title: string }[]; services: string[]; errors: Errors }) {
  const [covers, setCovers] = useState<"release" | "service">("release");
  const scopeErrors = errors("scopes");
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <fieldset className="space-y-2" aria-describedby={scopeErrors?.length ? "token-scopes-error token-scopes-hint" : "token-scopes-hint"}>
        <legend className={legend}>Scopes</legend>
        <p id="token-scopes-hint" className="text-xs text-slate-500">
          Tick only what the pipeline calls; read alone lets it follow a release.
        </p>
        {TOKEN_SCOPES.map((scope) => {
          const [word, rest] = TOKEN_SCOPE_LABEL[scope].split(": ");
          return (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={DEFAULT_TOKEN_SCOPES.includes(scope)} className={box} />
              <span>
                <span className="font-mono font-medium text-slate-900">{word}</span>: {rest}
              </span>
            </label>
          );
        })}
        <FieldError id="token-scopes-error" messages={scopeErrors} />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className={legend}>Covers</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {(
            [
              ["release", "One release"],
              ["service", "Every release of a service"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="covers" value={value} checked={covers === value} onChange={() => setCovers(value)} className={box} />
              {label}
            </label>
          ))}
        </div>
        {covers === "release" ? (
          <Select
            label="Release"
            id="token-pipeline-release"
            name="releaseId"
            defaultValue=""
            options={[{ value: "", label: "Choose a release" }, ...releases.map((r) => ({ value: r.id, label: r.title }))]}
            errors={errors("releaseId")}
          />
        ) : (
          <>
            <TextInput
              label="Service"
              id="token-service"
              name="service"
              list="token-services"
              autoComplete="off"
              hint="Also covers releases of this service that its pipeline creates later."
              errors={errors("service")}
            />
            <datalist id="token-services">
              {services.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </>
        )}
      </fieldset>
    </div>
  );
}
