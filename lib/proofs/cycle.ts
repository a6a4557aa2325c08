import { formatDuration, formatMoment } from "@/lib/proofs/format";

// "Business cycle passed": the release's cycle (business_cycle_days, 7 by default) counted from
// Migrate's completion, so every weekly job, report and batch has run against the new shape
// before the old one is dropped. Pure and browser-safe.

const DAY = 24 * 60 * 60 * 1000;

export interface CycleView {
  passed: boolean;
  line: string;
  remainingMs: number | null;
}

export function businessCycle(days: number, migrateCompletedAt: Date | string | null, now: Date): CycleView {
  const cycle = `${days}-day business cycle`;
  if (!migrateCompletedAt) return { passed: false, remainingMs: null, line: `Counts from Migrate's completion (${cycle}).` };
  const endsAt = new Date(new Date(migrateCompletedAt).getTime() + days * DAY);
  const remainingMs = endsAt.getTime() - now.getTime();
  if (remainingMs <= 0) return { passed: true, remainingMs: 0, line: `The ${cycle} passed on ${formatMoment(endsAt)}.` };
  return { passed: false, remainingMs, line: `${formatDuration(remainingMs)} of the ${cycle} remain.` };
}
