import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTargetPools } from "@/lib/targets/pool";
import { seal } from "@/lib/targets/seal";
import { watchOnce, WatchSchedule } from "@/lib/targets/watch/loop";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { fixtureTarget, liveTarget, type LiveTarget } from "@/lib/testing/targets";

// The watcher schedules each release by itself: a target that does not answer holds up only its
// own releases, and when it does not answer its schema check is left as it was, not rewritten.

const eventually = { timeout: 15_000, interval: 100 };
let live: LiveTarget;
// A TCP server on loopback that accepts and never answers: a connect to it waits out the 3 s timeout.
let silent: Server;
const accepted: Socket[] = [];

beforeAll(async () => {
  live = await liveTarget();
  silent = createServer((socket) => void accepted.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await closeTargetPools();
  accepted.forEach((s) => s.destroy());
  silent.close();
  await live.drop();
});

async function watchedRelease(targetDatabaseId: string) {
  const owner = await createUser("OPERATOR");
  const r = await fixtureRelease(owner.id, "IN_PROGRESS");
  await testDb().release.update({
    where: { id: r.id },
    data: { targetDatabaseId, signals: { create: { key: "lock_waits", name: "Lock waits", unit: "COUNT", source: "DATABASE", dbMetric: "lock_waits" } } },
  });
  const signal = await testDb().signal.findFirstOrThrow({ where: { releaseId: r.id, key: "lock_waits" }, select: { id: true } });
  return { id: r.id, stageId: r.stages[0]!.id, signalId: signal.id };
}

const samples = (signalId: string) => testDb().signalSample.count({ where: { signalId } });
const lastError = async (signalId: string) => (await testDb().signal.findUniqueOrThrow({ where: { id: signalId }, select: { lastError: true } })).lastError;

describe("scheduling each release by itself", () => {
  it("keeps reading a healthy target while another target has not answered yet", async () => {
    const port = (silent.address() as { port: number }).port;
    const silentTarget = await testDb().targetDatabase.create({
      data: { name: "silent", sealedUrl: seal(`postgresql://reader:pw@127.0.0.1:${port}/shop`) },
      select: { id: true },
    });
    const healthy = await watchedRelease(live.targetId);
    const stuck = await watchedRelease(silentTarget.id);

    const schedule = new WatchSchedule();
    const t0 = Date.now();
    await schedule.tick(testDb(), new Date(t0));
    await expect.poll(() => samples(healthy.signalId), eventually).toBe(1);
    // The next interval: the healthy release is read again, the stuck one is still connecting and not started twice.
    await schedule.tick(testDb(), new Date(t0 + 2000));
    await expect.poll(() => samples(healthy.signalId), eventually).toBe(2);
    expect(await lastError(stuck.signalId)).toBeNull();
    expect(accepted).toHaveLength(1);

    // Closing waits for the pass still running: it has said why the target did not answer.
    await schedule.close();
    expect(await lastError(stuck.signalId)).toBe(`127.0.0.1:${port} did not answer within 3 seconds.`);
    expect(await schedule.tick(testDb(), new Date(t0 + 10_000))).toEqual({ watched: 0 });
    await testDb().release.update({ where: { id: stuck.id }, data: { status: "COMPLETED" } });
  });

  it("leaves the stored schema check as it was when the target does not answer", async () => {
    const release = await watchedRelease(await fixtureTarget());
    await testDb().stage.update({ where: { id: release.stageId }, data: { sql: "ALTER TABLE users ADD COLUMN first_name text;" } });
    const stored = {
      ok: true,
      state: "verified",
      checkedAt: "2026-12-01T14:02:00.000Z",
      database: "shop",
      message: "users.first_name exists",
      objects: [{ kind: "column", want: "present", label: "users.first_name", found: "ok" }],
    };
    await testDb().stage.update({ where: { id: release.stageId }, data: { schemaCheck: stored } });
    await watchOnce(testDb());
    expect(await lastError(release.signalId)).toBe("Nothing is listening on 127.0.0.1:1: the connection was refused.");
    const stage = await testDb().stage.findUniqueOrThrow({ where: { id: release.stageId }, select: { schemaCheck: true } });
    expect(stage.schemaCheck).toEqual(stored);
    await testDb().release.update({ where: { id: release.id }, data: { status: "COMPLETED" } });
  });
});
