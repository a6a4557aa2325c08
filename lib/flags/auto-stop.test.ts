import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { flipRecords } from "@/lib/audit/report/kinds";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { dispatchOnce } from "@/lib/notify/dispatch";
import { openScratchDb } from "@/lib/testing/db";
import { RECEIVER_NETWORK, startReceiver } from "@/lib/testing/webhooks";
import { ingestSamples } from "@/lib/signals/ingest";

// Auto-stop against a database of its own (the dispatcher sends every due delivery it finds).

let db: Db;
let drop: () => Promise<void>;
const SECRET = "auto-stop-test-secret";

beforeAll(async () => {
  ({ db, drop } = await openScratchDb());
});
afterAll(async () => drop());

async function liveRelease(key: string, autoAction: "TURN_FLAG_OFF" | "PAUSE_BACKFILL" = "TURN_FLAG_OFF") {
  const release = await db.release.create({
    data: {
      title: `Auto-stop ${key}`,
      status: "IN_PROGRESS",
      autoStopEnabled: true,
      autoStopAfter: 3,
      flagKey: key,
      flagEnvironment: "production",
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", pollIntervalSeconds: 5 } },
    },
    select: { id: true, signals: { select: { id: true } } },
  });
  await db.criterion.create({
    data: {
      releaseId: release.id,
      signalId: release.signals[0]!.id,
      comparator: "GT",
      warnThreshold: 1,
      stopThreshold: 2,
      windowSeconds: 60,
      position: 0,
      autoAction,
    },
  });
  await db.flag.create({ data: { key, environment: "production", enabled: true } });
  return { id: release.id, signalId: release.signals[0]!.id };
}

const push = (releaseId: string, signalId: string, values: number[], endAt: number) =>
  ingestSamples(
    db,
    releaseId,
    values.map((value, i) => ({ signalId, value, at: new Date(endAt - (values.length - 1 - i) * 1000) })),
  );

describe("guarded auto-stop", () => {
  it("fires once after three breaches: one flip by Switchback auto-stop, the release paused, one signed webhook", async () => {
    const receiver = await startReceiver(SECRET);
    await db.webhook.create({ data: { name: "ops", url: receiver.url, secret: SECRET, events: ["auto_stop"] } });
    const release = await liveRelease("auto-stop-fires");
    const now = Date.now();

    await push(release.id, release.signalId, [0.5, 3.1, 3.4], now);
    expect(await autoStopTick(db, now)).toEqual([]);

    await push(release.id, release.signalId, [4.1], now + 1000);
    // Three ticks at once (as if three instances raced): exactly one fires.
    const fired = (await Promise.all([autoStopTick(db, now + 1000), autoStopTick(db, now + 1000), autoStopTick(db, now + 1000)])).flat();
    expect(fired).toEqual([release.id]);
    expect(await autoStopTick(db, now + 2000)).toEqual([]);

    expect(await db.flag.findFirstOrThrow({ where: { key: "auto-stop-fires" }, select: { enabled: true } })).toEqual({ enabled: false });
    const stored = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { status: true, autoStopTriggeredAt: true } });
    expect(stored.status).toBe("PAUSED");
    const flips = await db.auditEvent.findMany({
      where: { releaseId: release.id, action: "flag.changed" },
      select: { actorLabel: true, actorType: true, after: true },
    });
    expect(flips).toHaveLength(1);
    expect(flips[0]).toMatchObject({
      actorLabel: "Switchback auto-stop",
      actorType: "SYSTEM",
      after: { enabled: false, reason: "Error rate 4.1 % > 2 % for 3 checks → flag turned off" },
    });
    const stops = await db.auditEvent.findMany({ where: { releaseId: release.id, action: "release.auto_stopped" }, select: { after: true } });
    expect(stops).toHaveLength(1);
    expect(stops[0]!.after).toMatchObject({
      status: "PAUSED",
      flagChanged: true,
      reason: "Error rate 4.1 % > 2 % for 3 checks → flag turned off",
      snapshot: { signals: [{ key: "error_rate", value: 4.1, status: "STOP" }] },
    });
    const incident = await db.incident.findFirstOrThrow({ where: { releaseId: release.id }, select: { reason: true } });
    expect(incident.reason).toBe("Error rate 4.1 % > 2 % for 3 checks → flag turned off");

    await dispatchOnce(db, new Date(), { allowPrivate: RECEIVER_NETWORK });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(true);
    expect(JSON.parse(receiver.received[0]!.body).text).toBe(
      `Switchback auto-stop turned the flag off for “Auto-stop auto-stop-fires”: Error rate 4.1 % &gt; 2 % for 3 checks → flag turned off. The release is paused until a decision owner acknowledges.`,
    );
    await receiver.stop();
  });

  it("leaves exactly one flip record per auto-stop, whether the flag went off or was not there", async () => {
    const applied = await liveRelease("auto-stop-one-flip");
    const missing = await liveRelease("auto-stop-no-flag");
    await db.flag.delete({ where: { key_environment: { key: "auto-stop-no-flag", environment: "production" } } });
    const now = Date.now();
    for (const release of [applied, missing]) await push(release.id, release.signalId, [3.1, 3.4, 4.1], now);
    expect((await autoStopTick(db, now)).sort()).toEqual([applied.id, missing.id].sort());

    const eventsOf = (releaseId: string) => db.auditEvent.findMany({ where: { releaseId }, orderBy: { id: "asc" }, select: { action: true, after: true } });
    const appliedFlips = flipRecords(await eventsOf(applied.id));
    expect(appliedFlips.map((e) => e.action)).toEqual(["flag.changed"]);
    const missingEvents = await eventsOf(missing.id);
    expect(flipRecords(missingEvents).map((e) => e.action)).toEqual(["flag.flip_failed"]);
    expect(flipRecords(missingEvents)[0]!.after).toMatchObject({ key: "auto-stop-no-flag", enabled: false, error: expect.stringContaining("does not exist") });
    // Said as it turned out: nothing claims a flip that did not happen.
    expect(missingEvents.find((e) => e.action === "release.auto_stopped")!.after).toMatchObject({
      flagChanged: false,
      reason: "Error rate 4.1 % > 2 % for 3 checks → flag could not be turned off",
    });
  });

  it("never fires on stale data, however bad the last values were", async () => {
    const release = await liveRelease("auto-stop-stale");
    const now = Date.now();
    await push(release.id, release.signalId, [5, 5, 5, 5], now - 30_000);
    expect(await autoStopTick(db, now)).toEqual([]);
    expect(await db.flag.findFirstOrThrow({ where: { key: "auto-stop-stale" }, select: { enabled: true } })).toEqual({ enabled: true });
  });

  it("leaves the flag on when the breached criterion's automatic action is to pause the backfill", async () => {
    const release = await liveRelease("auto-stop-pause-only", "PAUSE_BACKFILL");
    const now = Date.now();
    await push(release.id, release.signalId, [5, 5, 5, 5], now);
    expect(await autoStopTick(db, now)).toEqual([]);
    expect(await db.flag.findFirstOrThrow({ where: { key: "auto-stop-pause-only" }, select: { enabled: true } })).toEqual({ enabled: true });
    expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { status: true } })).toEqual({ status: "IN_PROGRESS" });
  });

  it("does nothing for releases that did not opt in", async () => {
    const release = await liveRelease("auto-stop-off");
    await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: false } });
    const now = Date.now();
    await push(release.id, release.signalId, [5, 5, 5], now);
    expect(await autoStopTick(db, now)).toEqual([]);
  });
  it("after a person acknowledges, the breaches already answered do not fire it again; three new ones do", async () => {
    const release = await liveRelease("auto-stop-after-ack");
    const now = Date.now();
    await push(release.id, release.signalId, [3.1, 3.4, 4.1], now);
    expect(await autoStopTick(db, now)).toEqual([release.id]);

    // The decision owner acknowledges, the release goes on and the flag is turned on again, while
    // the breaching samples are still the newest in the window.
    await db.release.update({ where: { id: release.id }, data: { status: "IN_PROGRESS", autoStopAckedAt: new Date(now + 500) } });
    await db.flag.update({
      where: { key_environment: { key: "auto-stop-after-ack", environment: "production" } },
      data: { enabled: true, version: { increment: 1 } },
    });
    expect(await autoStopTick(db, now + 1000)).toEqual([]);

    await push(release.id, release.signalId, [3.2, 3.3], now + 3000);
    expect(await autoStopTick(db, now + 3000)).toEqual([]);
    await push(release.id, release.signalId, [3.5], now + 4000);
    expect(await autoStopTick(db, now + 4000)).toEqual([release.id]);
    expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "release.auto_stopped" } })).toBe(2);
  });
});
