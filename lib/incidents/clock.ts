import { formatElapsed } from "@/lib/format/time";

// The first ten minutes' clock, shared by the live cockpit and the report: how far in, whether the
// ten minutes are over, and when each step was done relative to the start.

export const FIRST_MINUTES_MS = 10 * 60 * 1000;

export interface ClockState {
  elapsed: string;
  over: boolean;
  // What a glance should read: "06:48 left" during the ten minutes, "2:15 past ten minutes" after.
  summary: string;
}

export function clockState(startedAt: Date, now: Date): ClockState {
  const elapsedMs = Math.max(0, now.getTime() - startedAt.getTime());
  const over = elapsedMs >= FIRST_MINUTES_MS;
  const summary = over
    ? `${formatElapsed(elapsedMs - FIRST_MINUTES_MS)} past the first ten minutes`
    : `${formatElapsed(FIRST_MINUTES_MS - elapsedMs)} left of the first ten minutes`;
  return { elapsed: formatElapsed(elapsedMs), over, summary };
}

// "+01:12" after the start; a step done after the ten minutes says so.
export function stepOffset(startedAt: Date, doneAt: Date): { label: string; late: boolean } {
  const ms = doneAt.getTime() - startedAt.getTime();
  return { label: `+${formatElapsed(ms)}`, late: ms > FIRST_MINUTES_MS };
}
