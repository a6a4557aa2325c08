"use client";

import { useRouter } from "next/navigation";
import { use, useState, type FormEvent } from "react";
import { saveStage } from "@/app/(app)/releases/[id]/actions";
import { GuardedField } from "@/app/(app)/releases/[id]/_components/guarded-field";
import { LintFindings } from "@/app/(app)/releases/[id]/_components/lint-findings";
import { ReapplyPanel } from "@/app/(app)/releases/[id]/_components/reapply-panel";
import { useLiveLint } from "@/app/(app)/releases/[id]/_components/use-live-lint";
import { useMutation } from "@/components/hooks/use-mutation";
import { personOptions, Select, TextArea, TextInput, type Person } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import type { Finding } from "@/lib/lint/types";
import type { AssignmentRule } from "@/lib/permissions";
import type { ReleasePlan } from "@/lib/releases/queries";
import { reapply, type FormValues } from "@/lib/releases/reapply";
import { STAGE_LABEL } from "@/lib/releases/template";
import { SubmitOrCancel } from "@/components/ui/submit-or-cancel";
import { STARTED_SQL_FIXED } from "@/lib/releases/stage-rules";

// Editing one stage: owner, SQL with the live risk check, rollback note, exit criteria; a
// conflicting save offers "Reload and reapply".

type Stage = ReleasePlan["stages"][number];

export interface StageProps {
  releaseId: string;
  stage: Stage;
  // Streamed: squawk may still be running when the stage renders.
  findings: Promise<Finding[]>;
  people: Person[];
  canEdit: boolean;
  // May this person change the owner (lib/permissions.ts), and if not, why.
  ownerRule: AssignmentRule;
  ownerLockedWhy: string;
}

const stageValues = (stage: Stage): FormValues => ({
  ownerId: stage.owner?.id ?? "",
  sql: stage.sql,
  rollbackNote: stage.rollbackNote,
  exitCriteria: stage.exitCriteria,
});

export function StageForm({
  releaseId,
  stage,
  findings,
  people,
  ownerRule,
  ownerLockedWhy,
  onDone,
  onCancel,
  baseVersion,
  latestVersion,
}: StageProps & { baseVersion: number; latestVersion: number; onDone: (v: number) => void; onCancel: () => void }) {
  const [sql, setSql] = useState(stage.sql);
  const lint = useLiveLint(stage.kind, sql, use(findings));
  const save = useMutation(saveStage);
  const router = useRouter();
  const label = STAGE_LABEL[stage.kind];
  const key = stage.kind.toLowerCase();
  // For "Reload and reapply": the stage as opened, and what this person last submitted.
  const [opened] = useState(() => stageValues(stage));
  const [submitted, setSubmitted] = useState<FormValues | null>(null);
  const send = (values: FormValues, expectedVersion: number) =>
    save.run({ ...values, releaseId, stageId: stage.id, expectedVersion }, (data) => onDone(data.version));

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
      {merged && (
        <ReapplyPanel
          merged={merged}
          pending={save.pending}
          onReapply={() => (merged.theirs.length || merged.both.length ? void send(merged.values, latestVersion) : router.refresh())}
        />
      )}
      <GuardedField
        rule={ownerRule}
        label={`${label} owner`}
        name="ownerId"
        value={stage.owner?.id ?? ""}
        display={stage.owner?.name ?? "Unassigned"}
        why={ownerLockedWhy}
      >
        <Select
          label={`${label} owner`}
          id={`${key}-owner`}
          name="ownerId"
          defaultValue={stage.owner?.id ?? ""}
          options={personOptions(people)}
          errors={save.fieldError("ownerId")}
        />
      </GuardedField>
      {ownerRule === "needs_reason" && (
        <TextInput
          label="Reason for reassigning"
          id={`${key}-reassign-reason`}
          name="reassignReason"
          errors={save.fieldError("reassignReason")}
          hint="The deploy has started: an admin who changes an owner says why. It goes into the audit trail."
        />
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
          // The server refuses a change too (lib/releases/commands/stage.ts): this says so before typing.
          readOnly={stage.status !== "PENDING"}
          hint={stage.status !== "PENDING" ? STARTED_SQL_FIXED : undefined}
        />
        <LintFindings stageLabel={label} findings={lint.findings} checking={lint.checking} failure={lint.failure} />
      </div>
      <TextArea
        label={`${label} rollback note`}
        id={`${key}-rollback`}
        name="rollbackNote"
        rows={2}
        defaultValue={stage.rollbackNote}
        errors={save.fieldError("rollbackNote")}
        hint="How do we undo this, in plain words?"
      />
      <TextArea
        label={`${label} exit criteria`}
        id={`${key}-exit`}
        name="exitCriteria"
        rows={2}
        defaultValue={stage.exitCriteria}
        errors={save.fieldError("exitCriteria")}
      />
      <SubmitOrCancel pending={save.pending} onCancel={onCancel}>
        {save.pending ? "Saving…" : `Save ${label}`}
      </SubmitOrCancel>
    </form>
  );
}
