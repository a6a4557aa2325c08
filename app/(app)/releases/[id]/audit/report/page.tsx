import { releasePageMetadata } from "@/lib/releases/page-title";
import { isEnded } from "@/lib/releases/status";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportDecisions } from "@/components/audit/release/report-decisions";
import { ReportFlips } from "@/components/audit/release/report-flips";
import { ReportFirstMinutes } from "@/components/audit/release/report-first-minutes";
import { listIncidents } from "@/lib/incidents/queries";
import { ReportReview } from "@/components/audit/release/report-review";
import { getReview } from "@/lib/releases/review-queries";
import { listAssignableUsers } from "@/lib/users/queries";
import { can } from "@/lib/permissions";
import { ReviewEditor } from "./_components/review-editor";
import { ReportFlagEffects } from "./_components/report-flag-effects";
import { ReportOverrides } from "@/components/audit/release/report-overrides";
import { ReportCriteria, ReportReleaseFields, ReportRunbook } from "@/components/audit/release/report-plan";
import { ReportStages } from "@/components/audit/release/report-stages";
import { BreachToOffSection, StageTimes } from "@/components/audit/release/report-timing";
import { PrintButton } from "@/components/ui/print-button";
import { breachToOff } from "@/lib/audit/report/breach-to-off";
import { deployWindow, stageDurations } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { flipRecords } from "@/lib/audit/report/kinds";
import { getReportFacts, listFirstStopBreaches, listReleaseEvents } from "@/lib/audit/report/queries";
import { timelineSummary } from "@/lib/audit/report/summary";
import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";
import { getReleasePlan } from "@/lib/releases/queries";
import { requireUser } from "@/lib/session";
import { isUuid } from "@/lib/uuid";

export const generateMetadata = releasePageMetadata("Post-release report");

const ms = (date: Date | null) => date?.getTime() ?? null;

// The review of a release on paper: what was planned, what was decided on which evidence, every
// flip of the kill switch and whether it reached its consumers, the backfill's pauses, and how
// long things took, all derived from the record.
export default async function PostReleaseReportPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  if (!isUuid(id)) notFound();
  const [release, facts, { events, truncated }, incidents, review] = await Promise.all([
    getReleasePlan(user, id),
    getReportFacts(user, id),
    listReleaseEvents(user, id),
    listIncidents(id),
    getReview(id),
  ]);
  if (!release || !facts) notFound();
  const roles = {
    decisionOwnerId: release.decisionOwner?.id ?? null,
    backupOwnerId: release.backupOwner?.id ?? null,
    stageOwnerIds: release.stages.map((s) => s.owner?.id ?? null),
  };
  const mayReview = isEnded(release.status) && can(user, "plan.edit", { release: roles });

  const now = Date.now();
  const window = deployWindow({ status: facts.status, startedAt: ms(facts.startedAt), finishedAt: ms(facts.finishedAt) }, events.at(-1)?.at ?? null, now);
  const breaches = window ? await listFirstStopBreaches(user, id, window) : { specs: [], samplesByKey: {} };
  const stopped = breachToOff(breaches.specs, breaches.samplesByKey, events, window);
  const durations = stageDurations(
    facts.stages.map((s) => ({ kind: s.kind, startedAt: ms(s.startedAt), completedAt: ms(s.completedAt) })),
    now,
  );
  const summary = timelineSummary({ status: facts.status, finishedAt: ms(facts.finishedAt), events, durations, breachToOff: stopped });

  return (
    <article className="mx-auto max-w-4xl space-y-6 bg-white p-6 text-sm shadow-sm ring-1 ring-slate-200 print:max-w-none print:p-0 print:text-[11px] print:shadow-none print:ring-0">
      <style>{"@page { size: A4; margin: 12mm; }"}</style>
      <div className="no-print flex items-center justify-between">
        <Link href={`/releases/${release.id}/audit`} className="text-sm font-medium text-indigo-700 hover:underline">
          Back to the audit trail
        </Link>
        <PrintButton label="Print report" />
      </div>
      <header className="border-b border-slate-300 pb-2">
        <p className="text-xs uppercase tracking-wide text-slate-500">Switchback · generated {formatInstant(now)}</p>
        <h1 className="text-xl font-semibold">Post-release report</h1>
        <p className="text-base">
          {release.title} · {RELEASE_STATUS_LABEL[release.status]}
        </p>
        {release.summary && <p className="text-slate-700">{release.summary}</p>}
      </header>

      <section aria-labelledby="summary-heading" className="break-inside-avoid space-y-1">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Summary
        </h2>
        <ul className="list-disc space-y-0.5 pl-5">
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {truncated && (
          <p className="text-amber-900">
            This release has more audit events than one report reads; the counts above cover the first {events.length.toLocaleString("en-US")}.
          </p>
        )}
      </section>

      <ReportReview
        review={review}
        events={events}
        editor={mayReview && <ReviewEditor releaseId={release.id} review={review} people={await listAssignableUsers()} />}
      />
      <StageTimes durations={durations} />
      <BreachToOffSection result={stopped} />
      <ReportDecisions decisions={facts.decisions} />
      <ReportFirstMinutes incidents={incidents} />
      <ReportOverrides events={events} />
      <ReportFlips flips={flipRecords(events)} />
      <ReportFlagEffects events={events} />

      <section aria-labelledby="plan-heading" className="space-y-3">
        <h2 id="plan-heading" className="text-lg font-semibold">
          The plan as it stood
        </h2>
        <ReportReleaseFields release={release} />
        <ReportStages stages={release.stages} />
        <ReportRunbook steps={release.runbookSteps} />
        <ReportCriteria criteria={release.criteria} />
      </section>
    </article>
  );
}
