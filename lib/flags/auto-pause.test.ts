import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { autoPauseTick } from "@/lib/flags/auto-pause";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { backfillKey, readBackfillSwitch, setBackfillPaused } from "@/lib/flags/backfill/switch";
import { appendAudit } from "@/lib/audit/append";
import { dispatchOnce } from "@/lib/notify/dispatch";
import { ingestSamples } from "@/lib/signals/ingest";
import { openScratchDb } from "@/lib/testing/db";
import { RECEIVER_NETWORK, startReceiver } from "@/lib/testing/webhooks";

// Pause first, then stop, against a database of its own (the dispatcher sends every due delivery
// it finds), with a second Prisma client standing in for a second instance.

let db: Db;
let other: Db;
let drop: () => Promise<void>;
const SECRET = "auto-pause-test-secret";

beforeAll(async () => {
  const scratch = await openScratchDb();
  ({ db, drop } = scratch);
  other = createDb(scratch.url, 4);
});
afterAll(async () => {
  await other.$disconnect();
  await drop();
});

type AutoAction = "TURN_FLAG_OFF" | "PAUSE_BACKFILL";

// A release in progress with automatic actions on after 3 breaches, replica lag (stop above 10 s)
// as its one criterion, the flag on and the backfill running since an hour ago.
async function liveRelease(key: string, autoAction: AutoAction = "PAUSE_BACKFILL") {
  const release = await db.release.create({
    data: {
      title: `Backfill ${key}`,
      status: "IN_PROGRESS",
      autoStopEnabled: true,
      autoStopAfter: 3,
      flagKey: key,
      flagEnvironment: "production",
      signals: { create: { key: "replica_lag", name: "Replica lag", unit: "SECONDS", pollIntervalSeconds: 5 } },
    },
    select: { id: true, signals: { select: { id: true } } },
  });
  const criterion = await db.criterion.create({
    data: {
      releaseId: release.id,
      signalId: release.signals[0]!.id,
      comparator: "GT",
      warnThreshold: 5,
      stopThreshold: 10,
      windowSeconds: 60,
      position: 0,
      autoAction,
    },
    select: { id: true },
  });
  await db.flag.create({ data: { key, environment: "production", enabled: true } });
  await db.flag.create({ data: { key: backfillKey(key), environment: "production", enabled: false, updatedAt: new Date(Date.now() - 3_600_000) } });
  return { id: release.id, signalId: release.signals[0]!.id, criterionId: criterion.id, key };
}

const push = (release: { id: string; signalId: string }, values: number[], endAt: number) =>
  ingestSamples(
    db,
    release.id,
    values.map((value, i) => ({ signalId: release.signalId, value, at: new Date(endAt - (values.length - 1 - i) * 1000) })),
  );

const paused = async (releaseId: string) => (await readBackfillSwitch(db, releaseId))!.paused;
const flagOn = async (key: string) => (await db.flag.findFirstOrThrow({ where: { key, environment: "production" }, select: { enabled: true } })).enabled;
const pauses = (releaseId: string) =>
  db.auditEvent.findMany({
    where: { releaseId, action: "backfill.paused" },
    orderBy: { id: "asc" },
    select: { actorType: true, actorLabel: true, after: true },
  });

describe("automatic backfill pause", () => {
  it("pauses the backfill after three breaching checks of a pause criterion, says why in one sentence, and leaves the flag on", async () => {
    const receiver = await startReceiver(SECRET);
    await db.webhook.create({ data: { name: "ops", url: receiver.url, secret: SECRET, events: ["auto_pause"] } });
    const release = await liveRelease("pause-fires");
    const now = Date.now();

    await push(release, [3, 12, 13], now - 1000);
    expect(await autoPauseTick(db, now - 1000)).toEqual([]);
    expect(await paused(release.id)).toBe(false);

    await push(release, [14], now);
    expect(await autoPauseTick(db, now)).toEqual([release.id]);
    expect(await paused(release.id)).toBe(true);
    expect(await pauses(release.id)).toEqual([
      {
        actorType: "SYSTEM",
        actorLabel: "Switchback auto-pause",
        after: expect.objectContaining({
          paused: true,
          reason: "Replica lag 14 s > 10 s for 3 checks → backfill paused",
          auto: { criterionId: release.criterionId },
        }),
      },
    ]);
    // Pausing is not stopping: the flag stays on and the release goes on.
    expect(await flagOn(release.key)).toBe(true);
    expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { status: true } })).toEqual({ status: "IN_PROGRESS" });
    expect(await autoPauseTick(db, now)).toEqual([]);

    await dispatchOnce(db, new Date(), { allowPrivate: RECEIVER_NETWORK });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(true);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body.switchback).toMatchObject({
      type: "auto_pause",
      releaseId: release.id,
      data: { reason: "Replica lag 14 s > 10 s for 3 checks → backfill paused" },
    });
    expect(body.text).toContain(
      "Switchback auto-pause paused the backfill of “Backfill pause-fires”: Replica lag 14 s &gt; 10 s for 3 checks → backfill paused.",
    );
    await receiver.stop();
  });

  it("never pauses on stale data, however bad the last values were", async () => {
    const release = await liveRelease("pause-stale");
    const now = Date.now();
    await push(release, [30, 30, 30, 30], now - 30_000);
    expect(await autoPauseTick(db, now)).toEqual([]);
    expect(await paused(release.id)).toBe(false);
  });

  it("keeps each criterion to its own action: a stop criterion does not pause the backfill", async () => {
    const release = await liveRelease("pause-stop-criterion", "TURN_FLAG_OFF");
    const now = Date.now();
    await push(release, [20, 20, 20], now);
    expect(await autoPauseTick(db, now)).toEqual([]);
    expect(await paused(release.id)).toBe(false);
    expect(await autoStopTick(db, now)).toEqual([release.id]);
    expect(await flagOn(release.key)).toBe(false);
    expect(await paused(release.id)).toBe(false);
  });

  it("does nothing for a release without automatic actions", async () => {
    const release = await liveRelease("pause-opted-out");
    await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: false } });
    const now = Date.now();
    await push(release, [20, 20, 20], now);
    expect(await autoPauseTick(db, now)).toEqual([]);
    expect(await paused(release.id)).toBe(false);
  });

  it("fires once when two instances tick at the same moment: one pause, one event, one message", async () => {
    const hook = await db.webhook.create({
      data: { name: "race", url: "https://hooks.example.test/race", secret: SECRET, events: ["auto_pause"] },
      select: { id: true },
    });
    const release = await liveRelease("pause-race");
    const now = Date.now();
    await push(release, [15, 16, 17], now);

    const fired = (await Promise.all([autoPauseTick(db, now), autoPauseTick(other, now), autoPauseTick(db, now), autoPauseTick(other, now)])).flat();
    expect(fired).toEqual([release.id]);
    expect(await pauses(release.id)).toHaveLength(1);
    const messages = await db.webhookDelivery.findMany({
      where: { webhookId: hook.id, event: "auto_pause", payload: { path: ["switchback", "releaseId"], equals: release.id } },
    });
    expect(messages).toHaveLength(1);
  });

  it("after a person resumes, the breaches that caused the pause do not pause it again, three new ones do", async () => {
    const person = await db.user.create({
      data: { email: "operator-resume@test.switchback.test", name: "Ola Operator", role: "OPERATOR" },
      select: { id: true },
    });
    const release = await liveRelease("pause-resume");
    const now = Date.now();
    await push(release, [12, 13, 14], now);
    expect(await autoPauseTick(db, now)).toEqual([release.id]);

    await db.$transaction((tx) =>
      setBackfillPaused(tx, {
        releaseId: release.id,
        paused: false,
        actor: { type: "USER", id: person.id, label: "Ola Operator" },
        audit: async (event) => void (await appendAudit(tx, { ...event, actor: { type: "USER", id: person.id, label: "Ola Operator" } })),
      }),
    );
    const resumedAt = (await readBackfillSwitch(db, release.id))!.changedAt.getTime();
    expect(await autoPauseTick(db, Math.max(now, resumedAt))).toEqual([]);

    await push(release, [15, 15], resumedAt + 2000);
    expect(await autoPauseTick(db, resumedAt + 2000)).toEqual([]);
    expect(await paused(release.id)).toBe(false);

    await push(release, [16], resumedAt + 3000);
    expect(await autoPauseTick(db, resumedAt + 3000)).toEqual([release.id]);
    expect((await pauses(release.id)).map((e) => (e.after as { reason: string }).reason)).toEqual([
      "Replica lag 14 s > 10 s for 3 checks → backfill paused",
      "Replica lag 16 s > 10 s for 3 checks → backfill paused",
    ]);
  });
});
