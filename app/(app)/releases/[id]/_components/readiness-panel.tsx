"use client";

import { useState } from "react";
import { markReady, returnToDraft } from "@/app/(app)/releases/[id]/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { MutationForm } from "@/components/ui/mutation-form";
import type { ReadinessCheck } from "@/lib/releases/readiness";
import type { ReleaseStatus } from "@/lib/releases/status";

interface Props {
  releaseId: string;
  status: ReleaseStatus;
  checks: ReadinessCheck[];
  lintErrors: number;
  canEdit: boolean;
}

function MarkReadyForm({ releaseId, checks, lintErrors }: Pick<Props, "releaseId" | "checks" | "lintErrors">) {
  const mark = useMutation(markReady);
  const [reason, setReason] = useState("");
  const blocking = checks.filter((check) => !check.ok && !(check.id === "lint" && lintErrors > 0));
  const needsReason = lintErrors > 0;
  const possible = blocking.length === 0 && (!needsReason || reason.trim().length > 0);
  return (
    <MutationForm
      error={mark.error}
      onSubmit={() => void mark.run({ releaseId, overrideReason: reason })}
      className="space-y-3 border-t border-slate-200 pt-4"
      noValidate
    >
      {needsReason && (
        <TextArea
          label="Reason to go ahead despite the lint errors"
          id="override-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          errors={mark.fieldError("overrideReason")}
          hint="Recorded with the release and in the audit trail."
        />
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={!possible || mark.pending} className={buttonClass("primary")}>
          {mark.pending ? "Checking…" : "Mark ready"}
        </button>
        {!possible && (
          <p className="text-sm text-slate-600">
            {blocking.length
              ? `${blocking.length} check${blocking.length > 1 ? "s" : ""} still fail${blocking.length > 1 ? "" : "s"}.`
              : "Write the reason for the override."}
          </p>
        )}
      </div>
    </MutationForm>
  );
}

export function ReadinessPanel({ releaseId, status, checks, lintErrors, canEdit }: Props) {
  const back = useMutation(returnToDraft);
  const passed = checks.filter((check) => check.ok).length;
  return (
    <section id="readiness" aria-labelledby="readiness-heading" className="scroll-mt-4 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between">
        <h2 id="readiness-heading" className="text-lg font-semibold">
          Readiness
        </h2>
        <span className="text-sm text-slate-600">
          {passed} of {checks.length} checks pass
        </span>
      </div>
      <ul className="divide-y divide-slate-100">
        {checks.map((check) => (
          <li key={check.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
            <div className="flex items-start gap-2">
              <Badge tone={check.ok ? "success" : "danger"}>{check.ok ? "Pass" : "Fail"}</Badge>
              <div>
                <p className="font-medium text-slate-900">{check.label}</p>
                <p className="text-slate-600">{check.reason}</p>
              </div>
            </div>
            {!check.ok && (
              <a href={check.fix.href} className="text-sm font-medium text-indigo-700 hover:underline">
                {check.fix.label}
              </a>
            )}
          </li>
        ))}
      </ul>
      {canEdit && status === "DRAFT" && <MarkReadyForm releaseId={releaseId} checks={checks} lintErrors={lintErrors} />}
      {canEdit && status === "READY" && (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          <p className="text-sm text-emerald-800">This release is ready. Any change to the plan returns it to draft.</p>
          <FormError error={back.error} />
          <button type="button" disabled={back.pending} className={buttonClass("secondary")} onClick={() => void back.run({ releaseId })}>
            Return to draft
          </button>
        </div>
      )}
    </section>
  );
}
