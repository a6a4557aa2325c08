"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { saveReleaseDetails } from "@/app/(app)/releases/[id]/actions";
import { ReleaseSummary } from "@/app/(app)/releases/[id]/_components/release-summary";
import { ReleaseWindowFields } from "@/app/(app)/releases/[id]/_components/release-window-fields";
import { ReleaseFlagFields } from "@/app/(app)/releases/[id]/_components/release-flag-fields";
import { ReleaseOwnerFields } from "@/app/(app)/releases/[id]/_components/release-owner-fields";
import { ReleaseFlipGuards } from "@/app/(app)/releases/[id]/_components/release-flip-guards";
import { ReleaseTargetField, type TargetChoice } from "@/app/(app)/releases/[id]/_components/release-target-field";
import { useEditSession } from "@/app/(app)/releases/[id]/_components/plan-version";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { Select, TextArea, TextInput, type Person } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { DEPLOY_STYLE_LABEL } from "@/lib/format/labels";
import type { Assignment, AssignmentRule } from "@/lib/permissions";
import { lockedReason } from "@/lib/releases/assignment-guard";
import { DEPLOY_STYLE_HINT } from "@/lib/releases/readiness";
import type { ReleasePlan } from "@/lib/releases/queries";
import { reapply, type FormValues } from "@/lib/releases/reapply";
import { ReapplyPanel } from "@/app/(app)/releases/[id]/_components/reapply-panel";
import { toDateTimeInput } from "@/lib/format/time";

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

// The release's details as the form's strings: what was opened, and what the release is now.
function detailValues(release: ReleasePlan): FormValues {
  return {
    title: release.title,
    service: release.service,
    deployStyle: release.deployStyle,
    summary: release.summary,
    windowStart: toDateTimeInput(release.windowStart),
    windowEnd: toDateTimeInput(release.windowEnd),
    flagProvider: release.flagProvider,
    flagKey: release.flagKey,
    flagEnvironment: release.flagEnvironment,
    decisionOwnerId: release.decisionOwner?.id ?? "",
    backupOwnerId: release.backupOwner?.id ?? "",
    targetDatabaseId: release.targetDatabase?.id ?? "",
    targetPollSeconds: String(release.targetPollSeconds),
    businessCycleDays: String(release.businessCycleDays),
    autoStopEnabled: String(release.autoStopEnabled),
    autoStopAfter: String(release.autoStopAfter),
    fourEyes: String(release.fourEyes),
  };
}

export type Authority = Record<Assignment, AssignmentRule>;

export function ReleaseDetailsEditor({
  release,
  people,
  targets,
  canEdit,
  authority,
}: {
  release: ReleasePlan;
  people: Person[];
  targets: TargetChoice[];
  canEdit: boolean;
  authority: Authority;
}) {
  const session = useEditSession();
  const router = useRouter();
  const save = useMutation(saveReleaseDetails);
  const [autoStop, setAutoStop] = useState(release.autoStopEnabled);
  const [fourEyes, setFourEyes] = useState(release.fourEyes);
  const why = (what: Assignment) => {
    const rule = authority[what];
    return rule === "forbidden" || rule === "frozen" ? lockedReason(what, rule, release.status) : "";
  };

  // For "Reload and reapply": the details as this person opened them, and what they last submitted.
  const [opened, setOpened] = useState<FormValues | null>(null);
  const [submitted, setSubmitted] = useState<FormValues | null>(null);
  const send = (values: FormValues, expectedVersion: number) =>
    save.run(
      { ...values, releaseId: release.id, expectedVersion, autoStopEnabled: values.autoStopEnabled === "true", fourEyes: values.fourEyes === "true" },
      (data) => session.done(data.version),
    );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as FormValues;
    const values = { ...form, autoStopEnabled: String(autoStop), fourEyes: String(fourEyes) };
    setSubmitted(values);
    await send(values, session.baseVersion);
  }
  const merged = save.error?.code === "CONFLICT" && opened && submitted ? reapply(opened, submitted, detailValues(release)) : null;

  if (!session.editing) {
    return (
      <div id="release-details" className="space-y-3">
        <ReleaseSummary release={release} />
        <p className="text-sm text-slate-600">{DEPLOY_STYLE_HINT[release.deployStyle]}</p>
        {canEdit && (
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              save.clearError();
              setOpened(detailValues(release));
              session.open();
            }}
          >
            Edit details
          </button>
        )}
      </div>
    );
  }

  const err = save.fieldError;
  return (
    <form id="release-details" onSubmit={submit} className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
      <h2 className="text-lg font-semibold">Edit release details</h2>
      <FormError error={save.error} />
      {merged && (
        <ReapplyPanel
          merged={merged}
          pending={save.pending}
          onReapply={() => (merged.theirs.length || merged.both.length ? void send(merged.values, session.latestVersion) : router.refresh())}
        />
      )}
      <TextInput label="Title" id="title" name="title" defaultValue={release.title} errors={err("title")} required />
      <div className="grid gap-4 md:grid-cols-2">
        <TextInput label="Service" id="service" name="service" defaultValue={release.service} errors={err("service")} />
        <Select
          label="Deploy style"
          id="deployStyle"
          name="deployStyle"
          defaultValue={release.deployStyle}
          options={options(DEPLOY_STYLE_LABEL)}
          errors={err("deployStyle")}
          hint={
            release.status === "DRAFT" || release.status === "READY"
              ? "Changing it swaps the old style's checklist items for the new one's; ticked or reworded items stay."
              : undefined
          }
        />
      </div>
      <TextArea label="Summary" id="summary" name="summary" rows={3} defaultValue={release.summary} errors={err("summary")} />
      <ReleaseWindowFields release={release} err={err} />
      <ReleaseFlagFields release={release} authority={authority} err={err} why={why} />
      <ReleaseTargetField release={release} targets={targets} err={err} />
      <ReleaseOwnerFields release={release} people={people} authority={authority} err={err} why={why} />
      <ReleaseFlipGuards
        release={release}
        authority={authority}
        err={err}
        fourEyes={fourEyes}
        onFourEyes={setFourEyes}
        autoStop={autoStop}
        onAutoStop={setAutoStop}
      />
      <div className="flex gap-2">
        <button type="submit" disabled={save.pending} className={buttonClass("primary")}>
          {save.pending ? "Saving…" : "Save details"}
        </button>
        <button type="button" className={buttonClass("ghost")} onClick={session.close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
