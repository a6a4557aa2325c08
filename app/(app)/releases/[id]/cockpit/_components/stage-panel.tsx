"use client";

import { useState } from "react";
import { completeStageAction, startDeployAction, tickChecklistItemAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { TickBox } from "@/components/releases/tick-box";
import { useMutation } from "@/components/hooks/use-mutation";
import { StageStatusBadge } from "@/components/releases/status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextArea } from "@/components/ui/form-controls";
import { ComputedProofItem, computableKinds, ContractProofs } from "@/components/stage-watch/contract-proofs";
import { SchemaCheckLine } from "@/components/stage-watch/schema-check-line";
import { computedKindOf } from "@/lib/proofs/view";
import { formatDateTime } from "@/lib/format/time";
import type { Cockpit } from "@/lib/releases/cockpit-queries";
import { STAGE_LABEL } from "@/lib/releases/template";

type Stage = Cockpit["stages"][number];

function Checklist({ releaseId, stage, canTick }: { releaseId: string; stage: Stage; canTick: boolean }) {
  return (
    <div className="space-y-1">
      <ul className="space-y-1.5">
        {stage.checklistItems.map((item) => {
          // A proof Switchback computes shows what it found instead of a tick box.
          const computed = stage.kind === "CONTRACT" ? computedKindOf(computableKinds(stage), item.computedProof) : null;
          if (computed) {
            return (
              <li key={item.id} className="text-sm">
                <ComputedProofItem kind={computed} text={item.text} stage={stage} />
              </li>
            );
          }
          return (
            <li key={item.id} className="flex items-start gap-2 text-sm">
              <TickBox
                releaseId={releaseId}
                itemId={item.id}
                done={item.done}
                disabled={!canTick}
                id={`cockpit-tick-${item.id}`}
                action={tickChecklistItemAction}
              />
              <label htmlFor={`cockpit-tick-${item.id}`}>
                {item.text} {item.isProof && <Badge tone="warning">Proof</Badge>}
                {item.done && item.doneBy && (
                  <span className="block text-xs text-slate-500">
                    {item.doneBy.name}, {formatDateTime(item.doneAt)}
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// Offered to the decision owner and the backup when "Mark stage complete" was refused by a failing
// schema check or an unmet Contract proof (the refusal names what an override goes past).
function OverrideForm({ stage, pending, errors, onSubmit }: { stage: Stage; pending: boolean; errors?: string[]; onSubmit: (reason: string) => void }) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(reason);
      }}
    >
      <TextArea
        id={`override-reason-${stage.id}`}
        label="Override reason"
        rows={2}
        value={reason}
        errors={errors}
        onChange={(event) => setReason(event.target.value)}
        hint="One reason covers both a failing schema check and Contract's computed proofs; it is stored with the stage and shown in the report."
      />
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        Complete anyway
      </button>
    </form>
  );
}

export function StagePanel({
  releaseId,
  status,
  stages,
  canTick,
  completable,
  canStart,
}: {
  releaseId: string;
  status: string;
  stages: Stage[];
  canTick: boolean;
  completable: string[];
  canStart: boolean;
}) {
  const complete = useMutation(completeStageAction);
  const start = useMutation(startDeployAction);
  const active = stages.find((s) => s.status === "ACTIVE");
  const computable = active?.kind === "CONTRACT" ? computableKinds(active) : new Set<never>();
  const open = active?.checklistItems.filter((i) => !i.done && !computedKindOf(computable, i.computedProof)).length ?? 0;
  // Once a refusal has offered the override for this stage, the form stays (an empty reason's field
  // error must not take it away) until the stage is no longer the active one.
  const [overrideFor, setOverrideFor] = useState<string | null>(null);
  if (active && complete.error?.fieldErrors?.override && overrideFor !== active.id) setOverrideFor(active.id);
  return (
    <section aria-labelledby="stage-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="stage-heading" className="text-lg font-semibold">
        {active ? `Current stage: ${STAGE_LABEL[active.kind]}` : status === "COMPLETED" ? "All stages done" : "Stages"}
      </h2>
      <ol className="flex flex-wrap gap-2 text-sm">
        {stages.map((stage) => (
          <li key={stage.id} className="flex items-center gap-1">
            {STAGE_LABEL[stage.kind]} <StageStatusBadge status={stage.status} />
          </li>
        ))}
      </ol>
      {status === "READY" && (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">The plan is ready. Starting the deploy makes Expand the active stage.</p>
          {canStart && (
            <button type="button" disabled={start.pending} className={buttonClass("primary")} onClick={() => void start.run({ releaseId })}>
              Start deploy
            </button>
          )}
          <FormError error={start.error} />
        </div>
      )}
      {status === "DRAFT" && <p className="text-sm text-slate-700">This release is still a draft: mark it ready on the plan page before the deploy starts.</p>}
      {active && (
        <>
          <p className="text-sm text-slate-600">Owner: {active.owner?.name ?? "unassigned"}</p>
          <SchemaCheckLine stage={active} />
          {active.kind === "CONTRACT" && <ContractProofs stage={active} />}
          <Checklist releaseId={releaseId} stage={active} canTick={canTick} />
          {status === "STOPPED" && <p className="text-sm font-medium text-red-800">Stopped: no stage completes until the decision owner calls Go again.</p>}
          {completable.includes(active.id) && status !== "STOPPED" && (
            <div className="space-y-1">
              <button
                type="button"
                disabled={open > 0 || complete.pending}
                className={buttonClass("primary")}
                onClick={() => void complete.run({ releaseId, stageId: active.id })}
              >
                Mark stage complete
              </button>
              {open > 0 && (
                <p className="text-xs text-slate-600">
                  {open} checklist item{open > 1 ? "s" : ""} left before {STAGE_LABEL[active.kind]} can be completed.
                </p>
              )}
            </div>
          )}
          <FormError error={complete.error?.code === "INVALID" ? null : complete.error} />
          {overrideFor === active.id && status !== "STOPPED" && (
            <OverrideForm
              key={active.id}
              stage={active}
              pending={complete.pending}
              errors={complete.error?.fieldErrors?.overrideReason}
              onSubmit={(overrideReason) => void complete.run({ releaseId, stageId: active.id, override: true, overrideReason })}
            />
          )}
        </>
      )}
    </section>
  );
}
