import { Suspense } from "react";
import { LintPending, StageFindings } from "@/app/(app)/releases/[id]/_components/stage-findings";
import { ContractProofs } from "@/components/stage-watch/contract-proofs";
import { SchemaCheckLine } from "@/components/stage-watch/schema-check-line";
import type { Finding } from "@/lib/lint/types";
import type { ReleasePlan } from "@/lib/releases/queries";
import { STAGE_LABEL } from "@/lib/releases/template";

// A stage as it reads when nobody is editing it: its SQL with the risk check beside it (streamed,
// squawk may still be running), the target's schema check of it, the rollback note and the exit criteria.

type Stage = ReleasePlan["stages"][number];

export function StageView({ stage, findings }: { stage: Stage; findings: Promise<Finding[]> }) {
  return (
    <div className="space-y-4">
      <SchemaCheckLine stage={stage} />
      {stage.kind === "CONTRACT" && <ContractProofs stage={stage} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">SQL</h3>
          {/* Long SQL wraps rather than widening a phone's page; tall SQL scrolls, so the block takes focus for keyboard scrolling. */}
          {stage.sql ? (
            <pre
              tabIndex={0}
              className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
            >
              {stage.sql}
            </pre>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No SQL in this stage.</p>
          )}
        </div>
        {stage.sql.trim() ? (
          <Suspense fallback={<LintPending stageLabel={STAGE_LABEL[stage.kind]} />}>
            <StageFindings stageLabel={STAGE_LABEL[stage.kind]} findings={findings} />
          </Suspense>
        ) : (
          <div />
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Rollback note</h3>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{stage.rollbackNote || "None written yet."}</p>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Exit criteria</h3>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{stage.exitCriteria || "None written yet."}</p>
        </div>
      </div>
    </div>
  );
}
