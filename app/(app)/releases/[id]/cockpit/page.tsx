import { releasePageMetadata } from "@/lib/releases/page-title";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { CockpitLive } from "@/app/(app)/releases/[id]/cockpit/_components/cockpit-live";
import { DecisionPanel } from "@/app/(app)/releases/[id]/cockpit/_components/decision-panel";
import { OutcomePanel } from "@/app/(app)/releases/[id]/cockpit/_components/outcome-panel";
import { AutoStopFromRead, AutoStopPending, FlagPanelFromRead, FlagPanelPending } from "@/app/(app)/releases/[id]/cockpit/_components/flag-from-read";
import { BackfillPanel } from "@/app/(app)/releases/[id]/cockpit/_components/backfill-panel";
import { DemoControls } from "@/app/(app)/releases/[id]/cockpit/_components/demo-controls";
import { flagPendingText, StateBarPending } from "@/app/(app)/releases/[id]/_components/flag-pending";
import { readFlagOnce } from "@/app/(app)/releases/[id]/_components/flag-read";
import { StateBarFromRead } from "@/app/(app)/releases/[id]/_components/state-bar-from-read";
import { RunbookList } from "@/app/(app)/releases/[id]/cockpit/_components/runbook-list";
import { IncidentRunbook } from "@/app/(app)/releases/[id]/cockpit/_components/incident-runbook";
import { StartIncident } from "@/app/(app)/releases/[id]/cockpit/_components/start-incident";
import { getRunningIncident } from "@/lib/incidents/queries";
import { incidentForViewer } from "@/lib/incidents/view";
import { AddNote } from "@/app/(app)/releases/[id]/cockpit/_components/add-note";
import { addNoteAction, startIncidentAction, tickIncidentStepAction } from "./actions";
import { StagePanel } from "@/app/(app)/releases/[id]/cockpit/_components/stage-panel";
import { ReleaseStatusBadge } from "@/components/releases/status-badge";
import { formatCursor } from "@/lib/live/cursor";
import { getBackfillPanel } from "@/lib/flags/backfill/queries";
import { can } from "@/lib/permissions";
import { getCockpit } from "@/lib/releases/cockpit-queries";
import { getReleaseState } from "@/lib/releases/state-queries";
import { isDeploying, isEnded, isPlanEditable } from "@/lib/releases/status";
import { requireUser } from "@/lib/session";
import { isDemoRegressed } from "@/lib/signals/sources/demo/queries";
import { isUuid } from "@/lib/uuid";

export const generateMetadata = releasePageMetadata("Cockpit");

export default async function CockpitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const cockpit = isUuid(id) ? await getCockpit(user, id) : null;
  if (!cockpit) notFound();
  const roles = {
    decisionOwnerId: cockpit.decisionOwner?.id ?? null,
    backupOwnerId: cockpit.backupOwner?.id ?? null,
    stageOwnerIds: cockpit.stages.map((s) => s.owner?.id ?? null),
  };
  const live = isDeploying(cockpit.status);
  const canEdit = can(user, "plan.edit", { release: roles }) && isPlanEditable(cockpit.status);
  const completable = cockpit.stages.filter((s) => can(user, "stage.complete", { release: roles, stageOwnerId: s.owner?.id ?? null })).map((s) => s.id);
  // Not awaited: the provider may take seconds (Unleash, 3 s timeout) and the page streams around it.
  const flag = readFlagOnce(cockpit.flagProvider, cockpit.flagKey, cockpit.flagEnvironment);
  const checking = flagPendingText(cockpit.flagProvider);
  const [regressed, state, incident, backfill] = await Promise.all([
    cockpit.isDemo ? isDemoRegressed(cockpit.id) : false,
    getReleaseState(user, cockpit.id),
    getRunningIncident(cockpit.id),
    getBackfillPanel(cockpit),
  ]);
  const mayActInIncident = can(user, "incident", { release: roles });

  const request = cockpit.pendingFlagOn;
  const pending = request && {
    id: request.id,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt.toISOString(),
    expiresAt: request.expiresAt.toISOString(),
    canAnswer: can(user, "flag.approve", { release: roles }) && request.requestedById !== user.id,
  };

  return (
    <div className="space-y-4">
      {/* The first stop for a keyboard user in an incident: straight to the flag, past the charts. */}
      <a
        href="#kill-switch"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 ring-2 ring-indigo-600 focus:not-sr-only focus:inline-block"
      >
        Skip to kill switch
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{cockpit.title}</h1>
          <ReleaseStatusBadge status={cockpit.status} />
        </div>
        <nav aria-label="Release" className="flex gap-4 text-sm">
          <Link href={`/releases/${cockpit.id}`} className="font-medium text-indigo-700 hover:underline">
            Plan
          </Link>
          <Link href={`/releases/${cockpit.id}/audit`} className="font-medium text-indigo-700 hover:underline">
            Audit trail
          </Link>
        </nav>
      </header>
      {state && (
        <Suspense fallback={<StateBarPending status={state.status} text={checking} />}>
          <StateBarFromRead state={state} flag={flag} />
        </Suspense>
      )}
      {cockpit.autoStop && (
        <Suspense fallback={<AutoStopPending at={cockpit.autoStop.at} text={checking} />}>
          <AutoStopFromRead
            flag={flag}
            releaseId={cockpit.id}
            at={cockpit.autoStop.at}
            reason={cockpit.autoStop.reason}
            flagChanged={cockpit.autoStop.flagChanged}
            canAcknowledge={can(user, "decision", { release: roles })}
          />
        </Suspense>
      )}
      {cockpit.isDemo && <DemoControls releaseId={cockpit.id} regressed={regressed} canEdit={canEdit} />}
      {/* The kill switch comes first in the source, so it leads the tab order and a phone's screen;
          on wide screens the grid puts it back in the right-hand column above the other panels.
          The second row takes the live column's extra height, so no gap opens under the kill switch. */}
      <div className="grid gap-4 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        {/* During an incident its checklist sits right under the kill switch: the two things to act on. */}
        <div className="min-w-0 space-y-4 lg:col-start-3 lg:row-start-1">
          <Suspense fallback={<FlagPanelPending text={checking} />}>
            <FlagPanelFromRead
              releaseId={cockpit.id}
              flag={flag}
              canTurnOff={can(user, "flag.off", { release: roles })}
              canTurnOn={can(user, "flag.on", { release: roles })}
              fourEyes={cockpit.fourEyes}
              pending={pending}
            />
          </Suspense>
          <BackfillPanel
            releaseId={cockpit.id}
            backfill={backfill}
            canPause={can(user, "backfill.pause", { release: roles })}
            canResume={can(user, "backfill.resume", { release: roles })}
          />
          {incident && (
            <IncidentRunbook
              releaseId={cockpit.id}
              incident={incidentForViewer(incident, user, [roles.decisionOwnerId, roles.backupOwnerId], mayActInIncident)}
              serverNow={new Date().toISOString()}
              tick={tickIncidentStepAction}
            />
          )}
        </div>
        <div className="min-w-0 space-y-4 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <CockpitLive
            releaseId={cockpit.id}
            cursor={formatCursor(cockpit.cursor)}
            signals={cockpit.health.signals}
            specs={cockpit.health.specs}
            initialSamples={cockpit.health.samplesByKey}
            initialEvents={cockpit.events}
            flag={flag}
            flagPending={checking}
          />
          {live && mayActInIncident && <AddNote releaseId={cockpit.id} add={addNoteAction} />}
        </div>
        <div className="min-w-0 space-y-4 lg:col-start-3 lg:row-start-2">
          <StagePanel
            releaseId={cockpit.id}
            status={cockpit.status}
            stages={cockpit.stages}
            canTick={canEdit}
            completable={completable}
            canStart={can(user, "deploy.start", { release: roles })}
          />
          <DecisionPanel
            releaseId={cockpit.id}
            decisions={cockpit.decisions}
            canDecide={can(user, "decision", { release: roles })}
            live={live}
            ended={isEnded(cockpit.status)}
            stopped={cockpit.status === "STOPPED"}
            deciders={
              [cockpit.decisionOwner?.name, cockpit.backupOwner?.name].filter(Boolean).join(" or ") || "the decision owner or the backup (none assigned yet)"
            }
          />
          {cockpit.status === "STOPPED" && can(user, "outcome", { release: roles }) && <OutcomePanel releaseId={cockpit.id} />}
          {!incident && (
            <RunbookList releaseId={cockpit.id} steps={cockpit.runbookSteps}>
              {live && mayActInIncident && <StartIncident releaseId={cockpit.id} start={startIncidentAction} />}
            </RunbookList>
          )}
        </div>
      </div>
    </div>
  );
}
