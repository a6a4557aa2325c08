import { TimelineChart, type ChartSignal } from "@/components/charts/timeline-chart";
import { downsample } from "@/lib/audit/report/downsample";
import { buildMarkers } from "@/lib/audit/report/markers";
import { listDeploySeries } from "@/lib/audit/report/queries";
import type { AuditEntry, TimeWindow } from "@/lib/audit/report/types";
import { UNIT_SUFFIX } from "@/lib/format/labels";
import type { CurrentUser } from "@/lib/permissions";

// The signals over the deploy with the audit events on the same time axis. Streams in on its own
// (the event list does not wait for the samples).

export async function TimelineSection({ user, releaseId, window, events }: { user: CurrentUser; releaseId: string; window: TimeWindow; events: AuditEntry[] }) {
  const series = await listDeploySeries(user, releaseId, window);
  const signals: ChartSignal[] = series.map((s) => ({
    key: s.key,
    name: s.name,
    unit: UNIT_SUFFIX[s.unit],
    // A signal with several criteria shows the lines of the first, as the cockpit does.
    warn: s.criteria[0]?.warnThreshold ?? null,
    stop: s.criteria[0]?.stopThreshold ?? null,
    points: downsample(s.points),
  }));
  const initialKey = (series.find((s) => s.criteria.length > 0) ?? series[0])?.key ?? "";
  return <TimelineChart signals={signals} initialKey={initialKey} markers={buildMarkers(events, window)} from={window.from} to={window.to} />;
}

export function TimelineSkeleton() {
  return <div aria-busy="true" aria-label="Loading the timeline" className="h-80 animate-pulse rounded bg-slate-100" />;
}
