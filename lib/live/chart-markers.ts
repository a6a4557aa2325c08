import type { LiveAuditEvent } from "@/lib/live/events";

// The cockpit chart's markers from the live audit events: decisions, flips (of the kill switch and
// the backfill switch) and completed stages.
// A flip is the flag's own record (flag.changed). An auto-stop writes that flip AND
// release.auto_stopped (the release pausing), so only the first is a flip: one auto-stop, one
// marker, as in the feed and the report (lib/audit/report/kinds.ts). A failed attempt changed
// nothing on the chart's world and gets no marker.

export interface LiveMarker {
  at: number;
  label: string;
  kind: "decision" | "flip" | "stage";
}

export function liveMarkers(events: readonly LiveAuditEvent[]): LiveMarker[] {
  return events.flatMap((e): LiveMarker[] => {
    const at = Date.parse(e.at);
    const after = (e.after ?? {}) as Record<string, unknown>;
    if (e.action === "decision.recorded") return [{ at, kind: "decision", label: String(after.verdict) }];
    if (e.action === "flag.changed") return [{ at, kind: "flip", label: after.enabled ? "flag on" : "flag off" }];
    // The backfill switch is a flag too (served as <flagKey>.backfill-paused): its flips are marked alike.
    if (e.action === "backfill.paused") return [{ at, kind: "flip", label: "backfill paused" }];
    if (e.action === "backfill.resumed") return [{ at, kind: "flip", label: "backfill resumed" }];
    if (e.action === "stage.completed") return [{ at, kind: "stage", label: `${String(after.stage).toLowerCase()} done` }];
    return [];
  });
}
