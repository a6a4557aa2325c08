import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop, type LeaderLoop, type LeaderShared } from "@/lib/live/leader";
import { log } from "@/lib/log";
import { runRetention } from "@/lib/signals/retention/run";

// Retention runs on one instance at a time, every ten minutes: a run is bounded (lib/signals/
// retention/run.ts), so a backlog (the first run after an upgrade) drains over several runs.
export const RETENTION_TICK_MS = 10 * 60_000;

export function startRetentionLoop(databaseUrl: string, shared: LeaderShared, days: number): LeaderLoop {
  const name = "switchback-retention";
  let stopping = false;
  const loop = startLeaderLoop({
    databaseUrl,
    shared,
    key: LOCK.retentionLeader,
    name,
    tickMs: RETENTION_TICK_MS,
    work: async (db) => {
      const started = Date.now();
      // A SIGTERM gives leadership up at once (lib/http/shutdown.ts): a long run stops between batches.
      const run = await runRetention(db, { days, shouldStop: () => stopping });
      if (run.deleted === 0) return;
      const rest = run.finished ? "" : "; more next run";
      log.info(
        { loop: name, ...run },
        `Rolled up ${run.deleted} samples of ${run.signals} signals into ${run.minutes} minute rows in ${Date.now() - started} ms${rest}.`,
      );
    },
  });
  return {
    ...loop,
    stop() {
      stopping = true;
      return loop.stop();
    },
  };
}
