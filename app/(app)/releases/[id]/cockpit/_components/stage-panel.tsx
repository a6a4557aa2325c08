"use client";

import { completeStageAction, startDeployAction, tickChecklistItemAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { TickBox } from "@/components/releases/tick-box";
import { useMutation } from "@/components/hooks/use-mutation";
import { StageStatusBadge } from "@/components/releases/status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import type { Cockpit } from "@/lib/releases/cockpit-queries";
import { STAGE_LABEL } from "@/lib/releases/template";

type Stage = Cockpit["stages"][number];

function Checklist({ releaseId, stage, canTick }: { releaseId: string; stage: Stage; canTick: boolean }) {
  return (
    <div className="space-y-1">
      <ul className="space-y-1.5">
        {stage.checklistItems.map((item) => (
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
        ))}
      </ul>
    </div>
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
  const open = active?.checklistItems.filter((i) => !i.done).length ?? 0;
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
          <FormError error={complete.error} />
        </>
      )}
    </section>
  );
}
