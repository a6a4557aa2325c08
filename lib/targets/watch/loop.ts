import pLimit from "p-limit";
import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop, type LeaderLoop, type LeaderShared } from "@/lib/live/leader";
import { watchContractProof } from "@/lib/proofs/watch";
import { pollDatabaseSignals } from "@/lib/signals/sources/database/poll";
import { closeTargetPools, unreachableSince } from "@/lib/targets/pool";
import type { WatchedRelease, WatchJob } from "@/lib/targets/watch/types";
import { watchSchema } from "@/lib/verify/watch";
import { countPollErrors } from "@/lib/metrics/record";

// The target watcher: on the leader instance only, every live release that names a target
// database is read once per its poll interval (2 s by default) — its Database signals, the
// active stage's schema check, the Contract proof — on the instance's (at most two) sessions per
// target (lib/targets/pool.ts). Nothing here writes to a target.
//
// Each release is scheduled by itself: a tick starts the releases that are due and not still being
// read, and does not wait for them, so a slow or dead target (a 3 s connect timeout) delays only
// its own releases, never the Database signals of the others.

const LIVE = ["READY", "IN_PROGRESS", "PAUSED", "STOPPED"] as const;
// Releases read at once; a dead target holds a slot for one connect timeout (3 s) per pass.
const CONCURRENT_RELEASES = 16;
const JOBS: readonly WatchJob[] = [pollDatabaseSignals, watchSchema, watchContractProof];

const watchedWhere = (ids?: readonly string[]) => ({
  status: { in: [...LIVE] },
  targetDatabaseId: { not: null },
  ...(ids ? { id: { in: [...ids] } } : {}),
});

/** The live releases that name a target (only those of `ids`, when given), with what the jobs read. */
export async function watchedReleases(db: Db, ids?: readonly string[]): Promise<WatchedRelease[]> {
  if (ids?.length === 0) return [];
  const rows = await db.release.findMany({
    where: watchedWhere(ids),
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

type Log = (msg: string) => void;

// One pass over one release. Each job answers for itself (a failing schema check must not stop the
// signals), but once the target has not answered in this pass the remaining jobs are not run: each
// would wait out the same connect timeout, and their stored results (with the time they were
// checked) are kept as they were rather than rewritten.
async function watchRelease(db: Db, release: WatchedRelease, now: Date, log: Log): Promise<void> {
  const started = Date.now();
  for (const job of JOBS) {
    const failed = await job(db, release, now).then(
      () => false,
      (error: unknown) => {
        log(`${job.name} for release ${release.id}: ${error instanceof Error ? error.message : String(error)}`);
        return true;
      },
    );
    const unreachable = unreachableSince(release.target.id, started);
    // One failed read of the target database for /metrics, whether the job threw or found it unreachable.
    if (failed || unreachable) countPollErrors("database", 1);
    if (unreachable) return;
  }
}

/** The watcher's schedule: when each release was last started, and the passes still running. */
export class WatchSchedule {
  private readonly running = new Map<string, { targetId: string; done: Promise<void> }>();
  private readonly limit = pLimit(CONCURRENT_RELEASES);
  private closed = false;

  constructor(
    // Release id → epoch ms of its last start; without an entry a release is due.
    readonly lastPolledAt = new Map<string, number>(),
    private readonly log: Log = () => undefined,
  ) {}

  /** Starts every due release that is not still being read, and returns without waiting for them. */
  async tick(db: Db, now = new Date()): Promise<{ watched: number }> {
    // Each tick reads only what scheduling needs; stages (SQL, statement baselines) only for releases that are due.
    const rows = await db.release.findMany({ where: watchedWhere(), select: { id: true, targetPollSeconds: true, targetDatabaseId: true } });
    const live = new Set(rows.map((r) => r.id));
    for (const id of this.lastPolledAt.keys()) if (!live.has(id)) this.lastPolledAt.delete(id);
    const due = rows.filter((r) => {
      const last = this.lastPolledAt.get(r.id);
      return !this.running.has(r.id) && (last === undefined || now.getTime() - last >= r.targetPollSeconds * 1000);
    });
    const releases = await watchedReleases(
      db,
      due.map((r) => r.id),
    );
    if (this.closed) return { watched: 0 };
    for (const release of releases) {
      this.lastPolledAt.set(release.id, now.getTime());
      const done = this.limit(() => watchRelease(db, release, now, this.log))
        .catch((error: unknown) => this.log(`release ${release.id}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.running.delete(release.id));
      this.running.set(release.id, { targetId: release.target.id, done });
    }
    // Sessions on a target that no live release names, and no pass still reads, are closed.
    const keep = new Set([...rows.flatMap((r) => (r.targetDatabaseId ? [r.targetDatabaseId] : [])), ...[...this.running.values()].map((r) => r.targetId)]);
    await closeTargetPools(keep);
    return { watched: releases.length };
  }

  /** Resolves when no pass is running. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Starts nothing more, then waits for the passes still running. */
  close(): Promise<void> {
    this.closed = true;
    return this.idle();
  }
}

/**
 * One pass over the releases that are due, awaited to the end (for tests and benches). `lastPolledAt`
 * (release id → epoch ms) is the schedule; without one every release is due.
 */
export async function watchOnce(db: Db, now = new Date(), lastPolledAt = new Map<string, number>(), log: Log = () => undefined): Promise<{ watched: number }> {
  const schedule = new WatchSchedule(lastPolledAt, log);
  const result = await schedule.tick(db, now);
  await schedule.idle();
  return result;
}

export function startTargetWatcher(options: { databaseUrl: string; shared?: LeaderShared; tickMs?: number; log?: Log }): LeaderLoop {
  const log = options.log ?? ((msg: string) => console.log(`[target-watcher] ${msg}`));
  const schedule = new WatchSchedule(new Map(), log);
  const loop = startLeaderLoop({
    databaseUrl: options.databaseUrl,
    shared: options.shared,
    key: LOCK.targetWatchLeader,
    name: "switchback-target-watcher",
    // A due release is started on the next tick: passes begin every interval plus up to a quarter
    // second (later when a pass outlasts its interval, since a release is never read twice at once).
    tickMs: options.tickMs ?? 250,
    log,
    work: (db, newTerm) => {
      if (newTerm) schedule.lastPolledAt.clear();
      return schedule.tick(db, new Date());
    },
  });
  return {
    isLeader: loop.isLeader,
    // The passes still running finish on the loop's client before it goes; then a stopped leader
    // gives its target sessions back (a follower holds none).
    stop: () =>
      schedule
        .close()
        .then(() => loop.stop())
        .then(() => closeTargetPools()),
  };
}
