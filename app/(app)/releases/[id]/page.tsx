import { releasePageMetadata } from "@/lib/releases/page-title";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { flagPendingText, StateBarPending } from "@/app/(app)/releases/[id]/_components/flag-pending";
import { readFlagOnce } from "@/app/(app)/releases/[id]/_components/flag-read";
import {
  ReadinessPanelFromRead,
  ReadinessPanelPending,
  ReadinessSummary,
  ReadinessSummaryPending,
} from "@/app/(app)/releases/[id]/_components/readiness-from-read";
import { StateBarFromRead } from "@/app/(app)/releases/[id]/_components/state-bar-from-read";
import { PlanLive } from "@/app/(app)/releases/[id]/_components/plan-live";
import { PlanSummaryBar } from "@/app/(app)/releases/[id]/_components/plan-summary-bar";
import { currentCursor } from "@/lib/live/cursor-db";
import { formatCursor } from "@/lib/live/cursor";
import { statusWord } from "@/lib/releases/state-line";
import { CriteriaEditor } from "@/app/(app)/releases/[id]/_components/criteria-editor";
import { DrillsEditor } from "@/app/(app)/releases/[id]/_components/drills-editor";
import { PlanVersionProvider } from "@/app/(app)/releases/[id]/_components/plan-version";
import { ReleaseDetailsEditor } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { RunbookEditor } from "@/app/(app)/releases/[id]/_components/runbook-editor";
import { StageEditor } from "@/app/(app)/releases/[id]/_components/stage-editor";
import { assignmentRule, can, type Assignment } from "@/lib/permissions";
import { lockedReason } from "@/lib/releases/assignment-guard";
import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import { getReleasePlan } from "@/lib/releases/queries";
import { getReleaseState } from "@/lib/releases/state-queries";
import { gatherReadiness } from "@/lib/releases/readiness-data";
import { isPlanEditable } from "@/lib/releases/status";
import { isUuid } from "@/lib/uuid";
import { signalSourceHealth } from "@/lib/signals/sources/registry";
import { listTargetChoices } from "@/lib/targets/queries";
import { listAssignableUsers } from "@/lib/users/queries";
import { getDb } from "@/lib/db";
import { requireUser } from "@/lib/session";

export const generateMetadata = releasePageMetadata("Release plan");

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  // Taken before the reads: whatever changes while the page renders is replayed by the stream.
  const cursor = formatCursor(await currentCursor(getDb()));
  const release = isUuid(id) ? await getReleasePlan(user, id) : null;
  if (!release) notFound();
  // Not awaited: the provider may take seconds (Unleash, 3 s timeout) and the page streams around it.
  const flag = readFlagOnce(release.flagProvider, release.flagKey, release.flagEnvironment);
  const [people, targets, state] = await Promise.all([listAssignableUsers(), listTargetChoices(), getReleaseState(user, release.id)]);
  // Started after the awaits above, so that a failure cannot reject before anything awaits it;
  // squawk (three runs) and the provider check make it the slowest read of the page.
  const readiness = gatherReadiness(getDb(), release.id);
  const findings = (stageId: string) => readiness.then((r) => r.lintByStage[stageId]?.findings ?? []);
  const roles = {
    decisionOwnerId: release.decisionOwner?.id ?? null,
    backupOwnerId: release.backupOwner?.id ?? null,
    stageOwnerIds: release.stages.map((s) => s.owner?.id ?? null),
  };
  const canEdit = can(user, "plan.edit", { release: roles }) && isPlanEditable(release.status);
  const scoped = { ...roles, status: release.status };
  const rule = (what: Assignment) => assignmentRule(user, what, scoped);
  const authority = {
    decisionOwner: rule("decisionOwner"),
    backup: rule("backup"),
    stageOwner: rule("stageOwner"),
    flag: rule("flag"),
    fourEyes: rule("fourEyes"),
  };
  const stageOwnerWhy =
    authority.stageOwner === "forbidden" || authority.stageOwner === "frozen" ? lockedReason("stageOwner", authority.stageOwner, release.status) : "";

  return (
    <PlanVersionProvider version={release.version}>
      <div className="space-y-6">
        {state && (
          <Suspense fallback={<StateBarPending status={state.status} text={flagPendingText(release.flagProvider)} />}>
            <StateBarFromRead state={state} flag={flag} />
          </Suspense>
        )}
        <PlanSummaryBar
          status={statusWord(release.status)}
          readiness={
            <Suspense fallback={<ReadinessSummaryPending />}>
              <ReadinessSummary readiness={readiness} releaseId={release.id} status={release.status} />
            </Suspense>
          }
          live={<PlanLive releaseId={release.id} cursor={cursor} />}
        />
        <ReleaseDetailsEditor release={release} people={people} targets={targets} canEdit={canEdit} authority={authority} />
        {!canEdit && <p className="text-sm text-slate-600">You can read this plan; changing it needs an operator, an owner on this release, or an admin.</p>}
        {release.stages.map((stage) => (
          <StageEditor
            key={stage.id}
            releaseId={release.id}
            stage={stage}
            findings={findings(stage.id)}
            people={people}
            canEdit={canEdit}
            ownerRule={authority.stageOwner}
            ownerLockedWhy={stageOwnerWhy}
          />
        ))}
        <RunbookEditor releaseId={release.id} steps={release.runbookSteps} people={people} canEdit={canEdit} />
        <CriteriaEditor
          releaseId={release.id}
          criteria={release.criteria}
          canEdit={canEdit}
          sourceHealth={signalSourceHealth()}
          target={release.targetDatabase}
        />
        <DrillsEditor releaseId={release.id} drills={release.drills} canEdit={canEdit} viewer={{ id: user.id, isAdmin: user.role === "ADMIN" }} />
        <Suspense fallback={<ReadinessPanelPending provider={FLAG_PROVIDER_LABEL[release.flagProvider]} />}>
          <ReadinessPanelFromRead readiness={readiness} releaseId={release.id} status={release.status} canEdit={canEdit} />
        </Suspense>
      </div>
    </PlanVersionProvider>
  );
}
