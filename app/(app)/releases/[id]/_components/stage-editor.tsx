"use client";

import { Suspense } from "react";
import { ChecklistEditor } from "@/app/(app)/releases/[id]/_components/checklist-editor";
import { useEditSession } from "@/app/(app)/releases/[id]/_components/plan-version";
import { StageForm, type StageProps } from "@/app/(app)/releases/[id]/_components/stage-form";
import { LintPending } from "@/app/(app)/releases/[id]/_components/stage-findings";
import { StageView } from "@/app/(app)/releases/[id]/_components/stage-view";
import { StageStatusBadge } from "@/components/releases/status-badge";
import { buttonClass } from "@/components/ui/button";
import { STAGE_LABEL, STAGE_PURPOSE } from "@/lib/releases/template";

export function StageEditor(props: StageProps) {
  const { stage, canEdit, releaseId } = props;
  const session = useEditSession();
  const headingId = `stage-${stage.kind.toLowerCase()}-heading`;
  return (
    <section
      id={`stage-${stage.kind.toLowerCase()}`}
      aria-labelledby={headingId}
      className="scroll-mt-4 space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {STAGE_LABEL[stage.kind]}
          </h2>
          <StageStatusBadge status={stage.status} />
        </div>
        <div className="flex items-center gap-3 text-sm text-slate-700">
          <span>
            Owner: <span className="font-medium">{stage.owner?.name ?? "Unassigned"}</span>
          </span>
          {canEdit && !session.editing && (
            <button type="button" className={buttonClass("secondary")} onClick={session.open}>
              Edit {STAGE_LABEL[stage.kind]}
            </button>
          )}
        </div>
      </div>
      <p className="text-sm text-slate-600">{STAGE_PURPOSE[stage.kind]}</p>
      {session.editing ? (
        <Suspense fallback={<LintPending stageLabel={STAGE_LABEL[stage.kind]} />}>
          <StageForm {...props} baseVersion={session.baseVersion} latestVersion={session.latestVersion} onDone={session.done} onCancel={session.close} />
        </Suspense>
      ) : (
        <StageView stage={stage} findings={props.findings} />
      )}
      <ChecklistEditor releaseId={releaseId} stage={stage} canEdit={canEdit} />
    </section>
  );
}
