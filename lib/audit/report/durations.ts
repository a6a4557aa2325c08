import type { TimeWindow } from "@/lib/audit/report/types";

// How long things took: each stage, and the deploy window the timeline and report look at.

export interface StageTiming {
  kind: string;
  startedAt: number | null;
  completedAt: number | null;
}

export type StageDuration =
  | { kind: string; state: "not started" }
  | { kind: string; state: "active"; startedAt: number; ms: number }
  // A stage completed without a recorded start (edited data, an older release) has no length.
  | { kind: string; state: "done"; startedAt: number | null; completedAt: number; ms: number | null };

// Clocks are compared, not trusted: a completion stamped before its start counts as no time at all.
const span = (from: number, to: number) => Math.max(0, to - from);

export function stageDurations(stages: readonly StageTiming[], now: number): StageDuration[] {
  return stages.map((stage): StageDuration => {
    const { kind, startedAt, completedAt } = stage;
    if (completedAt !== null) return { kind, state: "done", startedAt, completedAt, ms: startedAt === null ? null : span(startedAt, completedAt) };
    if (startedAt !== null) return { kind, state: "active", startedAt, ms: span(startedAt, now) };
    return { kind, state: "not started" };
  });
}

const FINISHED = new Set(["COMPLETED", "ROLLED_BACK", "ABANDONED"]);

export interface DeployTimes {
  status: string;
  startedAt: number | null;
  finishedAt: number | null;
}

// The deploy runs from its start to its finish. Only completion stamps a finish, so a release
// rolled back or abandoned ends at its last recorded event; one still running ends now.
export function deployWindow(release: DeployTimes, lastEventAt: number | null, now: number): TimeWindow | null {
  if (release.startedAt === null) return null;
  const end = release.finishedAt ?? (FINISHED.has(release.status) && lastEventAt !== null ? lastEventAt : now);
  // A window of zero length cannot be drawn or bucketed; a second is the least that reads as time.
  return { from: release.startedAt, to: Math.max(end, release.startedAt + 1000) };
}

export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
