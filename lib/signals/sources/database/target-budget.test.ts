import { describe, expect, it } from "vitest";
import { releaseHealth } from "@/lib/signals/health";
import { targetSessionCounts } from "@/lib/targets/pool";
import { watchOnce } from "@/lib/targets/watch/loop";
import { databaseSignalBed } from "@/lib/testing/database-signals";
import { testDb, withClient } from "@/lib/testing/db";
import { fixtureTarget } from "@/lib/testing/targets";

// What watching a target costs it and what a target that does not answer looks like: never more
// than two sessions per target, slow queries queued rather than called unreachable, no sample and
// a STALE criterion when it is down.

const bed = databaseSignalBed();
const { release, pollRelease, signalState } = bed;

describe("a target that does not answer", () => {
  it("gives no sample, says why, and the criterion is STALE", async () => {
    const closed = await fixtureTarget();
    const { id, signal } = await release([{ key: "lock_waits", dbMetric: "lock_waits" }], closed);
    await testDb().criterion.create({
      data: { releaseId: id, signalId: signal.lock_waits!, comparator: "GT", stopThreshold: 5, windowSeconds: 60, position: 0 },
    });
    await pollRelease(id);
    expect(await signalState(signal.lock_waits!)).toEqual({ lastError: "Nothing is listening on 127.0.0.1:1: the connection was refused.", samples: [] });
    const health = await releaseHealth(testDb(), id);
    expect(health.evaluations.map((e) => e.status)).toEqual(["STALE"]);
    await testDb().release.update({ where: { id }, data: { targetDatabaseId: null } });
    await testDb().targetDatabase.delete({ where: { id: closed } });
  });
});

describe("the connection budget", () => {
  it("never holds more than two sessions on one target, however many releases and signals it watches", async () => {
    const slow = { dbMetric: "sql", dbSql: "SELECT count(*) FROM pg_sleep(0.2)" };
    for (let i = 0; i < 5; i++) {
      await release([
        { key: "lock_waits", dbMetric: "lock_waits" },
        { key: "connections", dbMetric: "connections_used", unit: "PERCENT" },
        { key: "slow", ...slow },
      ]);
    }
    const peaks: number[] = [];
    let sampling = true;
    const sampler = withClient(bed.target().url, async (c) => {
      while (sampling) {
        const { rows } = await c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'switchback'",
        );
        peaks.push(rows[0].n, targetSessionCounts().get(bed.target().targetId) ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await watchOnce(testDb());
    await watchOnce(testDb());
    sampling = false;
    await sampler;
    expect(Math.max(...peaks)).toBe(2);
  });

  it("queues slow queries for the two sessions instead of reporting the target unreachable", async () => {
    // Eight 1.5 s queries on two sessions: the last starts 4.5 s in, past the 3 s connect timeout.
    const releases = [];
    for (let i = 0; i < 8; i++) releases.push(await release([{ key: "slow", dbMetric: "sql", dbSql: "SELECT count(*) FROM pg_sleep(1.5)" }]));
    await watchOnce(testDb());
    for (const { signal } of releases) expect(await signalState(signal.slow!)).toEqual({ lastError: null, samples: [{ value: 1 }] });
  });
});
