import type { AuditEntry } from "@/lib/audit/report/types";

// Audit actions grouped into the kinds people filter the timeline by. Grouping is by action name
// so events written before a new action existed still land somewhere: anything unknown is "other".

export const EVENT_KINDS = ["decisions", "flips", "stages", "plan", "checklist", "other"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type KindFilter = EventKind | "all";

export const KIND_LABEL: Record<KindFilter, string> = {
  all: "All",
  decisions: "Decisions",
  flips: "Flag flips",
  stages: "Stages",
  plan: "Plan changes",
  checklist: "Checklist",
  other: "Sign-ins/other",
};

// The deploy moving along: starting, stages completing, the release changing state (including an
// auto-stop pausing it and being acknowledged, which resumes it).
const DEPLOY_PROGRESS = new Set([
  "release.deploy_started",
  "stage.completed",
  "release.status_changed",
  "release.auto_stopped",
  "release.auto_stop_acknowledged",
]);
// Each attempt to flip the flag writes exactly one of these, whoever flipped: an auto-stop writes
// its flip (or failed attempt) AND release.auto_stopped, the release pausing. Counting only these
// counts an auto-stop once, in the summary, the flip table and the chart markers alike.
const FLIP_ATTEMPTS = new Set(["flag.changed", "flag.flip_failed"]);
const PLAN_ACTIONS = new Set(["release.created", "release.updated", "release.renamed", "stage.updated", "drill.recorded"]);
const PLAN_PREFIXES = ["criterion.", "runbook."];

export function eventKind(action: string): EventKind {
  if (action === "decision.recorded") return "decisions";
  // The backfill switch is a built-in flag of its own (<flagKey>.backfill-paused).
  if (action.startsWith("flag.") || action.startsWith("backfill.")) return "flips";
  if (DEPLOY_PROGRESS.has(action)) return "stages";
  if (action.startsWith("checklist.")) return "checklist";
  if (PLAN_ACTIONS.has(action) || PLAN_PREFIXES.some((prefix) => action.startsWith(prefix))) return "plan";
  return "other";
}

// The report's flip table: attempts only, not four-eyes requests about the flag.
export const flipRecords = <E extends Pick<AuditEntry, "action">>(events: readonly E[]): E[] => events.filter((e) => FLIP_ATTEMPTS.has(e.action));

export function parseKind(value: string | string[] | undefined): KindFilter {
  const kind = Array.isArray(value) ? value[0] : value;
  return kind === "all" || EVENT_KINDS.some((k) => k === kind) ? (kind as KindFilter) : "all";
}

const SYSTEM = "system:";

// System actors have no user id; their label is what tells them apart.
export const actorKey = (event: Pick<AuditEntry, "actorId" | "actorLabel">): string => event.actorId ?? `${SYSTEM}${event.actorLabel}`;

export interface EventFilter {
  kind: KindFilter;
  actor: string | null;
}

export function filterEvents<E extends AuditEntry>(events: readonly E[], filter: EventFilter): E[] {
  return events.filter((e) => (filter.kind === "all" || eventKind(e.action) === filter.kind) && (!filter.actor || actorKey(e) === filter.actor));
}

export function countByKind(events: readonly Pick<AuditEntry, "action">[]): Record<KindFilter, number> {
  const counts = { all: events.length, decisions: 0, flips: 0, stages: 0, plan: 0, checklist: 0, other: 0 };
  for (const event of events) counts[eventKind(event.action)]++;
  return counts;
}

export interface ActorOption {
  key: string;
  label: string;
  count: number;
}

export function actorOptions(events: readonly AuditEntry[]): ActorOption[] {
  const byKey = new Map<string, ActorOption>();
  for (const event of events) {
    const key = actorKey(event);
    const option = byKey.get(key) ?? { key, label: event.actorId ? event.actorLabel : `${event.actorLabel} (system)`, count: 0 };
    option.count++;
    byKey.set(key, option);
  }
  return [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label));
}

// The export (app/api/v1/audit/export) names a person by id and a system actor by its label, and
// takes one action: a kind carries over only when it is exactly one action.
export function exportHref(format: "csv" | "json", releaseId: string, filter: EventFilter): string {
  const query = new URLSearchParams({ format, release: releaseId });
  if (filter.actor) query.set("actor", filter.actor.startsWith(SYSTEM) ? filter.actor.slice(SYSTEM.length) : filter.actor);
  if (filter.kind === "decisions") query.set("action", "decision.recorded");
  return `/api/v1/audit/export?${query}`;
}
