import { describeEvent } from "@/lib/audit/describe";
import { formatTimeOfDay } from "@/lib/format/time";
import { eventKind, type EventKind } from "@/lib/audit/report/kinds";
import { text, type AuditEntry, type TimeWindow } from "@/lib/audit/report/types";

// Markers on the signal chart, one per instant: events stamped with the same millisecond (an
// auto-stop's flip and its pause) share one marker rather than hiding behind each other.

export type MarkerKind = "decision" | "flip" | "stage" | "other";

export const MARKER_KIND_LABEL: Record<MarkerKind, string> = { decision: "Decision", flip: "Flag flip", stage: "Stage", other: "Other" };

const FROM_EVENT_KIND: Record<EventKind, MarkerKind> = {
  decisions: "decision",
  flips: "flip",
  stages: "stage",
  plan: "other",
  checklist: "other",
  other: "other",
};

// When events share a marker, it wears the kind a reviewer most needs to see.
const PRECEDENCE: MarkerKind[] = ["decision", "flip", "stage", "other"];

export interface MarkerItem {
  id: string;
  kind: MarkerKind;
  actor: string;
  what: string;
  why: string | null;
}

export interface TimelineMarker {
  at: number;
  kind: MarkerKind;
  items: MarkerItem[];
  // One sentence for assistive tech, which cannot hover.
  label: string;
}

// The flag watcher's word on a flip (converged or not) follows the flip by a fraction of a second:
// a second flip marker beside the real one would read as a second click.
const WATCHER_NOTES = new Set(["flag.converged", "flag.not_converged"]);

export const markerKind = (action: string): MarkerKind => (WATCHER_NOTES.has(action) ? "other" : FROM_EVENT_KIND[eventKind(action)]);

// The reason, unless describeEvent already says it (decisions and auto-stops carry theirs).
export function eventWhy(event: Pick<AuditEntry, "after">, what: string): string | null {
  const reason = text(event.after, "reason");
  return reason && !what.includes(reason) ? reason : null;
}

export function buildMarkers(events: readonly AuditEntry[], window: TimeWindow): TimelineMarker[] {
  const byInstant = new Map<number, Omit<TimelineMarker, "label">>();
  for (const event of events) {
    if (event.at < window.from || event.at > window.to) continue;
    const what = describeEvent(event.action, event.before, event.after);
    const item: MarkerItem = { id: event.id, kind: markerKind(event.action), actor: event.actorLabel, what, why: eventWhy(event, what) };
    const marker = byInstant.get(event.at);
    if (!marker) {
      byInstant.set(event.at, { at: event.at, kind: item.kind, items: [item] });
      continue;
    }
    marker.items.push(item);
    if (PRECEDENCE.indexOf(item.kind) < PRECEDENCE.indexOf(marker.kind)) marker.kind = item.kind;
  }
  return [...byInstant.values()].sort((a, b) => a.at - b.at).map((marker) => ({ ...marker, label: labelOf(marker) }));
}

function labelOf(marker: Omit<TimelineMarker, "label">): string {
  const items = marker.items.map((i) => `${i.actor} ${i.what}${i.why ? ` (why: ${i.why})` : ""}`);
  return `${MARKER_KIND_LABEL[marker.kind]} at ${formatTimeOfDay(marker.at)} UTC: ${items.join("; ")}`;
}
