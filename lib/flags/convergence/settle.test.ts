import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, type Actor } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import { settleConvergences } from "@/lib/flags/convergence/settle";
import { NO_CONSUMERS } from "@/lib/flags/convergence/words";
import { performFlip } from "@/lib/flags/flip";
import { openScratchDb } from "@/lib/testing/db";

// The flag watcher settles every open flip of the database, so these tests have one of their own.
let scratch: Awaited<ReturnType<typeof openScratchDb>>;
let db: Db;
beforeAll(async () => {
  scratch = await openScratchDb();
  db = scratch.db;
}, 60_000);
afterAll(() => scratch?.drop());

const operator: Actor = { type: "SYSTEM", label: "Test operator" };

async function flippedOff() {
  const key = `converge-${randomUUID().slice(0, 8)}`;
  const release = await db.release.create({
    data: { title: "Converge", status: "IN_PROGRESS", flagKey: key, flagEnvironment: "production" },
    select: { id: true },
  });
  await db.flag.create({ data: { key, environment: "production", enabled: true } });
  const outcome = await db.$transaction((tx) =>
    performFlip(tx, {
      releaseId: release.id,
      expected: true,
      next: false,
      actor: operator,
      audit: async (e) => void (await appendAudit(tx, { ...e, actor: operator })),
    }),
  );
  expect(outcome.kind).toBe("applied");
  const row = await db.flagConvergence.findFirstOrThrow({ where: { releaseId: release.id } });
  return { releaseId: release.id, key, at: row.flippedAt.getTime() };
}

// A consumer as the OFREP side's flush leaves it: the version served last, since when, last seen.
const consumer = (key: string, name: string, version: number, versionAt: number, lastSeenAt = versionAt) =>
  db.flagConsumer.create({
    data: {
      flagKey: key,
      environment: "production",
      consumer: name,
      tokenName: name.split("/")[0]!,
      enabled: version === 1,
      version,
      versionAt: new Date(versionAt),
      servedAt: new Date(lastSeenAt),
      lastSeenAt: new Date(lastSeenAt),
      via: "stream",
    },
  });

const watcherEvents = (releaseId: string) =>
  db.auditEvent.findMany({ where: { releaseId, actorLabel: "Switchback flag watcher" }, select: { action: true, after: true, summary: true } });

describe("a flip of a built-in flag", () => {
  it("opens a convergence row with the flag's new version, the flip's instant and its audit event", async () => {
    const flip = await flippedOff();
    const row = await db.flagConvergence.findFirstOrThrow({ where: { releaseId: flip.releaseId } });
    const changed = await db.auditEvent.findFirstOrThrow({ where: { releaseId: flip.releaseId, action: "flag.changed" }, select: { id: true } });
    const flag = await db.flag.findFirstOrThrow({ where: { key: flip.key }, select: { version: true, updatedAt: true } });
    expect(row).toMatchObject({ enabled: false, version: 2, auditEventId: changed.id, flippedAt: flag.updatedAt, settledAt: null, converged: null });
  });
});

describe("the flag watcher", () => {
  it("reports convergence once every consumer has been served the flip, with each one's time", async () => {
    const flip = await flippedOff();
    await consumer(flip.key, "checkout/api-worker-1", 2, flip.at + 200);
    const slow = await consumer(flip.key, "checkout/api-worker-2", 1, flip.at - 60_000);
    expect(await settleConvergences(db, flip.at + 1000)).toBe(0);
    expect(await watcherEvents(flip.releaseId)).toEqual([]);

    await db.flagConsumer.update({
      where: { id: slow.id },
      data: { version: 2, enabled: false, versionAt: new Date(flip.at + 400), lastSeenAt: new Date(flip.at + 400) },
    });
    await settleConvergences(db, flip.at + 2000);
    const [event] = await watcherEvents(flip.releaseId);
    expect(event).toMatchObject({
      action: "flag.converged",
      summary: "saw all 2 consumers read OFF 0.4 s after the flip",
      after: {
        key: flip.key,
        environment: "production",
        enabled: false,
        version: 2,
        flippedAt: new Date(flip.at).toISOString(),
        elapsedMs: 400,
        consumers: [
          { consumer: "checkout/api-worker-1", tokenName: "checkout", at: new Date(flip.at + 200).toISOString(), afterMs: 200 },
          { consumer: "checkout/api-worker-2", tokenName: "checkout", at: new Date(flip.at + 400).toISOString(), afterMs: 400 },
        ],
      },
    });
    expect(await db.flagConvergence.findFirstOrThrow({ where: { releaseId: flip.releaseId } })).toMatchObject({ converged: true, settledAt: expect.any(Date) });
  });

  it("names the laggards 60 s after the flip", async () => {
    const flip = await flippedOff();
    await consumer(flip.key, "checkout/api-worker-1", 2, flip.at + 300);
    await consumer(flip.key, "checkout/api-worker-2", 1, flip.at - 100_000, flip.at + 20_000);
    expect(await settleConvergences(db, flip.at + 59_000)).toBe(0);
    await settleConvergences(db, flip.at + 60_000);
    const events = await watcherEvents(flip.releaseId);
    expect(events).toHaveLength(1);
    const reason = "60 s after the flip to OFF: checkout/api-worker-2 still on ON (last seen 40 s ago).";
    expect(events[0]).toMatchObject({
      action: "flag.not_converged",
      summary: `could not confirm every consumer has the flip: ${reason}`,
      after: {
        consumers: [{ consumer: "checkout/api-worker-1", afterMs: 300 }],
        lagging: [{ consumer: "checkout/api-worker-2", tokenName: "checkout", enabled: true, lastSeenAt: new Date(flip.at + 20_000).toISOString() }],
        reason,
      },
    });
    expect(await db.flagConvergence.findFirstOrThrow({ where: { releaseId: flip.releaseId } })).toMatchObject({ converged: false });
  });

  it("does not wait for a consumer gone more than 5 minutes before the flip", async () => {
    const flip = await flippedOff();
    await consumer(flip.key, "checkout/api-worker-1", 2, flip.at + 100);
    await consumer(flip.key, "checkout/retired-worker", 1, flip.at - 6 * 60_000);
    await settleConvergences(db, flip.at + 1000);
    const [event] = await watcherEvents(flip.releaseId);
    expect(event?.action).toBe("flag.converged");
    expect((event?.after as { consumers: { consumer: string }[] }).consumers.map((c) => c.consumer)).toEqual(["checkout/api-worker-1"]);
  });

  it("says nobody reads the flag when no consumer has, after 60 s", async () => {
    const flip = await flippedOff();
    expect(await settleConvergences(db, flip.at + 30_000)).toBe(0);
    await settleConvergences(db, flip.at + 61_000);
    const events = await watcherEvents(flip.releaseId);
    expect(events).toMatchObject([{ action: "flag.not_converged", after: { consumers: [], lagging: [], reason: NO_CONSUMERS } }]);
  });

  it("settles a flip once when two instances settle at the same time", async () => {
    const flip = await flippedOff();
    await consumer(flip.key, "checkout", 2, flip.at + 50);
    await Promise.all([settleConvergences(db, flip.at + 1000), settleConvergences(db, flip.at + 1000), settleConvergences(db, flip.at + 1000)]);
    await settleConvergences(db, flip.at + 90_000);
    expect((await watcherEvents(flip.releaseId)).map((e) => e.action)).toEqual(["flag.converged"]);
  });
});

describe("the flag watcher's housekeeping", () => {
  it("forgets consumers unseen for 30 days, and keeps the rest", async () => {
    const key = `retain-${randomUUID().slice(0, 8)}`;
    const now = Date.now() + 2 * 3_600_000;
    const day = 24 * 3_600_000;
    await consumer(key, "old-batch-job", 1, now - 31 * day);
    await consumer(key, "monthly-report", 1, now - 29 * day);
    await settleConvergences(db, now);
    const left = await db.flagConsumer.findMany({ where: { flagKey: key }, select: { consumer: true } });
    expect(left.map((c) => c.consumer)).toEqual(["monthly-report"]);
  });
});
