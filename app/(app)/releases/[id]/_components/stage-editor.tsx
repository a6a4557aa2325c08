"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { saveStage } from "@/app/(app)/releases/[id]/actions";
import { ChecklistEditor } from "@/app/(app)/releases/[id]/_components/checklist-editor";
import { GuardedField } from "@/app/(app)/releases/[id]/_components/guarded-field";
import { LintFindings } from "@/app/(app)/releases/[id]/_components/lint-findings";
import { useEditSession } from "@/app/(app)/releases/[id]/_components/plan-version";
import { useLiveLint } from "@/app/(app)/releases/[id]/_components/use-live-lint";
import { useMutation } from "@/components/hooks/use-mutation";
import { StageStatusBadge } from "@/components/releases/status-badge";
import { buttonClass } from "@/components/ui/button";
import { personOptions, Select, TextArea, TextInput, type Person } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import type { Finding } from "@/lib/lint/types";
import type { AssignmentRule } from "@/lib/permissions";
import type { ReleasePlan } from "@/lib/releases/queries";
import { STAGE_LABEL, STAGE_PURPOSE } from "@/lib/releases/template";
import { reapply, type FormValues } from "@/lib/releases/reapply";
import { ReapplyPanel } from "@/app/(app)/releases/[id]/_components/reapply-panel";

type Stage = ReleasePlan["stages"][number];

interface Props {
  releaseId: string;
  stage: Stage;
  findings: Finding[];
  people: Person[];
  canEdit: boolean;
  // May this person change the owner (lib/permissions.ts), and if not, why.
  ownerRule: AssignmentRule;
  ownerLockedWhy: string;
}

const stageValues = (stage: Stage): FormValues => ({ ownerId: stage.owner?.id ?? "", sql: stage.sql, rollbackNote: stage.rollbackNote, exitCriteria: stage.exitCriteria });

function StageForm({ releaseId, stage, findings, people, ownerRule, ownerLockedWhy, onDone, onCancel, baseVersion, latestVersion }: Props & { baseVersion: number; latestVersion: number; onDone: (v: number) => void; onCancel: () => void }) {
  const [sql, setSql] = useState(stage.sql);
  const lint = useLiveLint(stage.kind, sql, findings);
  const save = useMutation(saveStage);
  const router = useRouter();
  const label = STAGE_LABEL[stage.kind];
  const key = stage.kind.toLowerCase();
  // For "Reload and reapply": the stage as opened, and what this person last submitted.
  const [opened] = useState(() => stageValues(stage));
  const [submitted, setSubmitted] = useState<FormValues | null>(null);
  const send = (values: FormValues, expectedVersion: number) => save.run({ ...values, releaseId, stageId: stage.id, expectedVersion }, (data) => onDone(data.version));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { ...(Object.fromEntries(new FormData(event.currentTarget)) as FormValues), sql };
    setSubmitted(values);
    await send(values, baseVersion);
  }
  const merged = save.error?.code === "CONFLICT" && submitted ? reapply(opened, submitted, stageValues(stage)) : null;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={save.error} />
      {merged && <ReapplyPanel merged={merged} pending={save.pending} onReapply={() => (merged.theirs.length || merged.both.length ? void send(merged.values, latestVersion) : router.refresh())} />}
      <GuardedField rule={ownerRule} label={`${label} owner`} name="ownerId" value={stage.owner?.id ?? ""} display={stage.owner?.name ?? "Unassigned"} why={ownerLockedWhy}>
        <Select label={`${label} owner`} id={`${key}-owner`} name="ownerId" defaultValue={stage.owner?.id ?? ""} options={personOptions(people)} errors={save.fieldError("ownerId")} />
      </GuardedField>
      {ownerRule === "needs_reason" && (
        <TextInput label="Reason for reassigning" id={`${key}-reassign-reason`} name="reassignReason" errors={save.fieldError("reassignReason")} hint="The deploy has started: an admin who changes an owner says why. It goes into the audit trail." />
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <TextArea
          label={`${label} SQL`}
          id={`${key}-sql`}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          rows={Math.min(20, Math.max(6, sql.split("\n").length + 1))}
          spellCheck={false}
          className="font-mono text-xs"
          errors={save.fieldError("sql")}
        />
        <LintFindings stageLabel={label} findings={lint.findings} checking={lint.checking} failure={lint.failure} />
      </div>
      <TextArea label={`${label} rollback note`} id={`${key}-rollback`} name="rollbackNote" rows={2} defaultValue={stage.rollbackNote} errors={save.fieldError("rollbackNote")} hint="How do we undo this, in plain words?" />
      <TextArea label={`${label} exit criteria`} id={`${key}-exit`} name="exitCriteria" rows={2} defaultValue={stage.exitCriteria} errors={save.fieldError("exitCriteria")} />
      <div className="flex gap-2">
        <button type="submit" disabled={save.pending} className={buttonClass("primary")}>
          {save.pending ? "Saving…" : `Save ${label}`}
        </button>
        <button type="button" className={buttonClass("ghost")} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function StageView({ stage, findings }: { stage: Stage; findings: Finding[] }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">SQL</h3>
          {/* Long SQL wraps rather than widening a phone's page; tall SQL scrolls, so the block takes focus for keyboard scrolling. */}
          {stage.sql ? (
            <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{stage.sql}</pre>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No SQL in this stage.</p>
          )}
        </div>
        {stage.sql.trim() ? <LintFindings stageLabel={STAGE_LABEL[stage.kind]} findings={findings} /> : <div />}
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

export function StageEditor(props: Props) {
  const { stage, canEdit, releaseId } = props;
  const session = useEditSession();
  const headingId = `stage-${stage.kind.toLowerCase()}-heading`;
  return (
    <section id={`stage-${stage.kind.toLowerCase()}`} aria-labelledby={headingId} className="scroll-mt-4 space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
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
      {session.editing ? <StageForm {...props} baseVersion={session.baseVersion} latestVersion={session.latestVersion} onDone={session.done} onCancel={session.close} /> : <StageView stage={stage} findings={props.findings} />}
      <ChecklistEditor releaseId={releaseId} stage={stage} canEdit={canEdit} />
    </section>
  );
}
