import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { pollReleaseSignals } from "@/lib/signals/sources/database/poll";
import { closeTargetPools } from "@/lib/targets/pool";
import { watchedReleases } from "@/lib/targets/watch/loop";
import { testDb, withClient } from "@/lib/testing/db";
import { liveTarget, type LiveTarget } from "@/lib/testing/targets";

// For the Database signal tests: a real target (the second cluster) with a small users table,
// releases with Database signals watching it, and the watcher's own read-only sessions polling
// them; the sessions that make locks and deadlocks are the target's superuser.

type SignalInput = { key: string; dbMetric: string; dbSql?: string; unit?: "PERCENT" | "SECONDS" | "COUNT" };

export function databaseSignalBed() {
  const cleanups: (() => Promise<unknown>)[] = [];
  let target: LiveTarget;

  beforeAll(async () => {
    target = await liveTarget();
    cleanups.push(() => target.drop());
    await withClient(target.url, (c) =>
      c.query(`CREATE TABLE users (id int PRIMARY KEY, first_name text);
               INSERT INTO users VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, NULL);
               CREATE SEQUENCE ticket;`),
    );
  });

  afterAll(async () => {
    await closeTargetPools();
    while (cleanups.length) await cleanups.pop()!();
  });

  async function session(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    cleanups.push(() => client.end().catch(() => undefined));
    return client;
  }

  async function release(signals: SignalInput[], targetDatabaseId: string | null = target.targetId) {
    const created = await testDb().release.create({
      data: {
        title: "Database signals",
        status: "IN_PROGRESS",
        targetDatabaseId,
        signals: { create: signals.map((s) => ({ name: s.key, unit: s.unit ?? "COUNT", source: "DATABASE" as const, pollIntervalSeconds: 2, ...s })) },
      },
      select: { id: true, signals: { orderBy: { key: "asc" }, select: { id: true, key: true } } },
    });
    return { id: created.id, signal: Object.fromEntries(created.signals.map((s) => [s.key, s.id])) };
  }

  const watched = async (releaseId: string) => (await watchedReleases(testDb())).find((r) => r.id === releaseId)!;
  const pollRelease = async (releaseId: string) => pollReleaseSignals(testDb(), await watched(releaseId), new Date());
  const signalState = (id: string) =>
    testDb().signal.findUniqueOrThrow({ where: { id }, select: { lastError: true, samples: { orderBy: { at: "asc" }, select: { value: true } } } });
  const lastValue = async (id: string) => (await signalState(id)).samples.at(-1)?.value;

  return { target: () => target, cleanups, session, release, watched, pollRelease, signalState, lastValue };
}
