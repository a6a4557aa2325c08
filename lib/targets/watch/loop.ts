import pLimit from "p-limit";
import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop, type LeaderLoop, type LeaderShared } from "@/lib/live/leader";
import { watchContractProof } from "@/lib/proofs/watch";
import { pollDatabaseSignals } from "@/lib/signals/sources/database/poll";
import { closeTargetPools } from "@/lib/targets/pool";
import type { WatchedRelease, WatchJob } from "@/lib/targets/watch/types";
import { watchSchema } from "@/lib/verify/watch";

// The target watcher: on the leader instance only, every live release that names a target
// database is read once per its poll interval (2 s by default) — its Database signals, the
// active stage's schema check, the Contract proof — on the instance's (at most two) sessions per
// target (lib/targets/pool.ts). Nothing here writes to a target.

const LIVE = ["READY", "IN_PROGRESS", "PAUSED", "STOPPED"] as const;
const CONCURRENT_RELEASES = 8;
const JOBS: readonly WatchJob[] = [pollDatabaseSignals, watchSchema, watchContractProof];

export async function watchedReleases(db: Db): Promise<WatchedRelease[]> {
  const rows = await db.release.findMany({
    where: { status: { in: [...LIVE] }, targetDatabaseId: { not: null } },
    select: {
      id: true,
      title: true,
      status: true,
      targetPollSeconds: true,
      businessCycleDays: true,
      targetDatabase: { select: { id: true, name: true, sealedUrl: true } },
      stages: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, status: true, sql: true, completedAt: true, statementBaseline: true },
      },
    },
  });
  return rows.flatMap(({ targetDatabase, ...release }) => (targetDatabase ? [{ ...release, target: targetDatabase }] : []));
}

/**
 * One pass over the releases that are due. `lastPolledAt` (release id → epoch ms) is the schedule;
 * without one every release is due, which is what a one-off pass (a test, a bench) wants.
 */
export async function watchOnce(
  db: Db,
  now = new Date(),
  lastPolledAt = new Map<string, number>(),
  log: (msg: string) => void = () => undefined,
): Promise<{ watched: number }> {
  const releases = await watchedReleases(db);
  const live = new Set(releases.map((r) => r.id));
  for (const id of lastPolledAt.keys()) if (!live.has(id)) lastPolledAt.delete(id);
  const due = releases.filter((r) => {
    const last = lastPolledAt.get(r.id);
    return last === undefined || now.getTime() - last >= r.targetPollSeconds * 1000;
  });
  for (const r of due) lastPolledAt.set(r.id, now.getTime());
  await pLimit(CONCURRENT_RELEASES).map(due, async (release) => {
    // Each job answers for itself: a failing schema check must not stop the signals.
    for (const job of JOBS) {
      await job(db, release, now).catch((error: unknown) =>
        log(`${job.name} for release ${release.id}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  });
  // Sessions on a target no live release names any more are closed.
  await closeTargetPools(new Set(releases.map((r) => r.target.id)));
  return { watched: due.length };
}

export function startTargetWatcher(options: { databaseUrl: string; shared?: LeaderShared; tickMs?: number; log?: (msg: string) => void }): LeaderLoop {
  const lastPolledAt = new Map<string, number>();
  const log = options.log ?? ((msg: string) => console.log(`[target-watcher] ${msg}`));
  const loop = startLeaderLoop({
    databaseUrl: options.databaseUrl,
    shared: options.shared,
    key: LOCK.targetWatchLeader,
    name: "switchback-target-watcher",
    // Finer than any release's interval, so a 2 s interval is kept to within a quarter second.
    tickMs: options.tickMs ?? 250,
    log,
    work: (db, newTerm) => {
      if (newTerm) lastPolledAt.clear();
      return watchOnce(db, new Date(), lastPolledAt, log);
    },
  });
  return {
    isLeader: loop.isLeader,
    // A follower holds no target session; a stopped leader gives its sessions back.
    stop: () => loop.stop().then(() => closeTargetPools()),
  };
}
