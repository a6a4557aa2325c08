import { releasePageMetadata } from "@/lib/releases/page-title";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { EventFilters } from "@/components/audit/release/event-filters";
import { EventList } from "@/components/audit/release/event-list";
import { TimelineSection, TimelineSkeleton } from "@/components/audit/release/timeline-section";
import { ReleaseStatusBadge } from "@/components/releases/status-badge";
import { buttonClass } from "@/components/ui/button";
import { deployWindow } from "@/lib/audit/report/durations";
import { actorOptions, countByKind, exportHref, filterEvents, parseKind } from "@/lib/audit/report/kinds";
import { getReleaseAuditHeader, listReleaseEvents } from "@/lib/audit/report/queries";
import { can } from "@/lib/permissions";
import { requireUser } from "@/lib/session";
import { isUuid } from "@/lib/uuid";

export const generateMetadata = releasePageMetadata("Audit trail");

type SearchParams = Record<string, string | string[] | undefined>;

const link = "font-medium text-indigo-700 hover:underline";

export default async function ReleaseAuditPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  if (!isUuid(id)) notFound();
  const [release, { events, truncated }] = await Promise.all([getReleaseAuditHeader(user, id), listReleaseEvents(user, id)]);
  if (!release) notFound();

  const actors = actorOptions(events);
  const requestedActor = typeof query.actor === "string" ? query.actor : null;
  const filter = { kind: parseKind(query.kind), actor: actors.some((a) => a.key === requestedActor) ? requestedActor : null };
  const shown = filterEvents(events, filter);
  const window = deployWindow(
    { status: release.status, startedAt: release.startedAt?.getTime() ?? null, finishedAt: release.finishedAt?.getTime() ?? null },
    events.at(-1)?.at ?? null,
    Date.now(),
  );

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Audit trail</h1>
          <ReleaseStatusBadge status={release.status} />
          <nav aria-label="Release" className="ml-auto flex gap-4 text-sm">
            <Link href={`/releases/${release.id}`} className={link}>
              Plan
            </Link>
            <Link href={`/releases/${release.id}/cockpit`} className={link}>
              Cockpit
            </Link>
            <Link href={`/releases/${release.id}/audit/report`} className={link}>
              Printable report
            </Link>
          </nav>
        </div>
        <p className="text-slate-700">{release.title}</p>
      </header>

      <div className="no-print flex flex-wrap items-center gap-3">
        {/* Plain anchors: the export is a download from a route handler, not a page to prefetch. */}
        <a href={exportHref("csv", release.id, filter)} className={buttonClass("secondary")}>
          Export CSV
        </a>
        <a href={exportHref("json", release.id, filter)} className={buttonClass("secondary")}>
          Export JSON
        </a>
        {can(user, "admin") && <VerifyChainButton />}
      </div>

      <EventFilters releaseId={release.id} filter={filter} counts={countByKind(events)} actors={actors} />

      <section aria-labelledby="timeline-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        {window ? (
          <Suspense fallback={<TimelineSkeleton />}>
            <TimelineSection user={user} releaseId={release.id} window={window} events={shown} />
          </Suspense>
        ) : (
          <p className="text-sm text-slate-600">The deploy has not started, so there are no signal values to chart yet. Every event is listed below.</p>
        )}
      </section>

      <EventList events={shown} total={events.length} truncated={truncated} />
    </div>
  );
}
