import type { Db } from "@/lib/db";
import { ENDED_STATUSES } from "@/lib/releases/status";
import { rollUpOldestSamples } from "@/lib/signals/retention/rollup";

// The retention job: raw samples of releases that finished more than `days` ago are rolled up
// per minute and deleted, a bounded batch at a time, at most `maxRows` per run so one run's cost
// stays small; the next run carries on where this one stopped. Running it again when nothing is
// due changes nothing. It reads and writes samples only: the audit trail is never pruned.

export interface RetentionOptions {
  days: number;
  now?: Date;
  // Rows per statement (one short transaction each).
  batchRows?: number;
  maxRows?: number;
  // Asked before each statement: a SIGTERM gives leadership up at once, not after a long run.
  shouldStop?: () => boolean;
}

export interface RetentionRun {
  signals: number;
  deleted: number;
  minutes: number;
  batches: number;
  // Whether this run reached the end of what was due (false: the row budget ran out first).
  finished: boolean;
}

export const RETENTION_BATCH_ROWS = 10_000;
export const RETENTION_MAX_ROWS_PER_RUN = 500_000;
const DAY_MS = 86_400_000;

// Signals of long-finished releases that still have a raw sample: one index probe per signal.
async function dueSignals(db: Db, cutoff: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT g.id::text AS id FROM signals g JOIN releases r ON r.id = g.release_id
     WHERE r.status::text = ANY(${[...ENDED_STATUSES]}::text[]) AND r.finished_at < ${cutoff}
       AND EXISTS (SELECT 1 FROM signal_samples x WHERE x.signal_id = g.id)
     ORDER BY r.finished_at, g.id`;
  return rows.map((row) => row.id);
}

export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionRun> {
  const { days, now = new Date(), batchRows = RETENTION_BATCH_ROWS, maxRows = RETENTION_MAX_ROWS_PER_RUN, shouldStop = () => false } = options;
  const run: RetentionRun = { signals: 0, deleted: 0, minutes: 0, batches: 0, finished: true };
  for (const signalId of await dueSignals(db, new Date(now.getTime() - days * DAY_MS))) {
    run.signals += 1;
    for (;;) {
      if (run.deleted >= maxRows || shouldStop()) return { ...run, finished: false };
      const limit = Math.min(batchRows, maxRows - run.deleted);
      const step = await rollUpOldestSamples(db, signalId, limit);
      run.batches += 1;
      run.deleted += step.deleted;
      run.minutes += step.minutes;
      if (step.deleted < limit) break;
    }
  }
  return run;
}
