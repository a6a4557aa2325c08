import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { breachToOff } from "@/lib/audit/report/breach-to-off";
import { downsample } from "@/lib/audit/report/downsample";
import { getReportFacts, listDeploySeries, listFirstStopBreaches, listReleaseEvents, SAMPLE_BUCKETS } from "@/lib/audit/report/queries";
import type { CurrentUser } from "@/lib/permissions";
import { rollUpOldestSamples } from "@/lib/signals/retention/rollup";
import { createUser, testDb } from "@/lib/testing/db";

// The reads behind the audit timeline and the report, against the real database: a deploy that
// started 50 minutes ago, with a spike that breached the stop line, a decision and a flag-off.

const MIN = 60_000;
const started = Date.now() - 50 * MIN;
const firstSample = started + 60_000;
const spikeAt = firstSample + 1500 * 1000;

let user: CurrentUser;
let releaseId: string;
let otherReleaseId: string;
let offEventId: string;

async function makeRelease(title: string) {
  return testDb().release.create({
    data: {
      title,
      status: "IN_PROGRESS",
      startedAt: new Date(started),
      decisionOwnerId: user.id,
      stages: {
        create: [
          {
            kind: "EXPAND",
            position: 0,
            ownerId: user.id,
            status: "DONE",
            startedAt: new Date(started),
            completedAt: new Date(started + 10 * MIN),
            completedById: user.id,
          },
          { kind: "MIGRATE", position: 1, ownerId: user.id, status: "ACTIVE", startedAt: new Date(started + 10 * MIN) },
          { kind: "CONTRACT", position: 2, ownerId: user.id },
        ],
      },
      signals: {
        create: [
          { key: "error_rate", name: "Error rate", unit: "PERCENT" },
          { key: "latency", name: "p95 latency", unit: "MILLISECONDS" },
        ],
      },
    },
    select: { id: true, stages: { orderBy: { position: "asc" }, select: { id: true } }, signals: { orderBy: { key: "asc" }, select: { id: true, key: true } } },
  });
}

beforeAll(async () => {
  const db = testDb();
  user = await createUser("OPERATOR");
  const release = await makeRelease("Audit report queries");
  releaseId = release.id;
  otherReleaseId = (await makeRelease("Another release")).id;
  const [errorRate, latency] = release.signals;
  await db.criterion.create({ data: { releaseId, signalId: errorRate!.id, comparator: "GT", warnThreshold: 1, stopThreshold: 2, position: 0 } });
  await db.criterion.create({ data: { releaseId, signalId: latency!.id, comparator: "GT", warnThreshold: 600, stopThreshold: null, position: 1 } });
  // 2,500 one-second samples of a calm error rate with a single spike, and one from before the deploy.
  const samples = Array.from({ length: 2500 }, (_, i) => ({ signalId: errorRate!.id, at: new Date(firstSample + i * 1000), value: i === 1500 ? 3.5 : 0.4 }));
  await db.signalSample.createMany({
    data: [...samples, { signalId: errorRate!.id, at: new Date(started - MIN), value: 50 }, { signalId: latency!.id, at: new Date(firstSample), value: 420 }],
  });
  await db.$executeRaw`INSERT INTO signal_samples (signal_id, at, value) VALUES (${errorRate!.id}::uuid, ${new Date(firstSample + 500)}, 'NaN'::float8)`;
  await db.decision.create({
    data: { releaseId, stageId: release.stages[1]!.id, verdict: "STOP", reason: "errors", actorId: user.id, snapshot: { signals: [] } },
  });

  const actor: Actor = { type: "USER", id: user.id, label: user.name };
  await appendAudit(db, { actor, action: "release.deploy_started", releaseId, after: { status: "IN_PROGRESS", activeStage: "EXPAND" } });
  await appendAudit(db, { actor, action: "release.deploy_started", releaseId: otherReleaseId });
  await appendAudit(db, { actor, action: "decision.recorded", releaseId, after: { verdict: "STOP", reason: "errors" } });
  offEventId = (await appendAudit(db, { actor, action: "flag.changed", releaseId, after: { enabled: false, reason: "errors" } })).id.toString();
});

describe("audit report queries", () => {
  it("lists the release's events, oldest first, and none of another release", async () => {
    const { events, truncated } = await listReleaseEvents(user, releaseId);
    expect(truncated).toBe(false);
    expect(events.map((e) => e.action)).toEqual(["release.deploy_started", "decision.recorded", "flag.changed"]);
    expect(events[2]).toMatchObject({
      id: offEventId,
      actorType: "USER",
      actorId: user.id,
      actorLabel: user.name,
      after: { enabled: false, reason: "errors" },
    });
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at)).toBe(true);
  });

  it("returns a bounded series per signal over the deploy that still shows the spike", async () => {
    const series = await listDeploySeries(user, releaseId, { from: started, to: Date.now() });
    const errorRate = series.find((s) => s.key === "error_rate")!;
    expect(errorRate.criteria).toEqual([{ comparator: "GT", warnThreshold: 1, stopThreshold: 2 }]);
    expect(errorRate.points.length).toBeLessThanOrEqual(2 * SAMPLE_BUCKETS);
    expect(errorRate.points.every((p) => p.at >= started && Number.isFinite(p.value))).toBe(true);
    expect(errorRate.points).toContainEqual({ at: spikeAt, value: 3.5 });
    const chart = downsample(errorRate.points);
    expect(chart.length).toBeLessThanOrEqual(600);
    expect(chart).toContainEqual({ at: spikeAt, value: 3.5 });
    expect(series.find((s) => s.key === "latency")!.points).toEqual([{ at: firstSample, value: 420 }]);
  });

  it("finds the first stop breach after the deploy started and measures it to the flag-off", async () => {
    const events = (await listReleaseEvents(user, releaseId)).events;
    const { specs, samplesByKey } = await listFirstStopBreaches(user, releaseId, { from: started, to: Date.now() });
    expect(specs).toEqual([{ signalKey: "error_rate", signalName: "Error rate", unit: "PERCENT", comparator: "GT", stopThreshold: 2 }]);
    expect(samplesByKey).toEqual({ error_rate: [{ at: spikeAt, value: 3.5 }] });
    const result = breachToOff(specs, samplesByKey, events, { from: started, to: Date.now() });
    expect(result).toMatchObject({ kind: "stopped", breach: { at: spikeAt, value: 3.5 }, off: { eventId: offEventId, automatic: false } });
  });

  it("reads when each stage ran and the decisions with their snapshots", async () => {
    const facts = await getReportFacts(user, releaseId);
    expect(facts?.stages.map((s) => [s.kind, s.startedAt?.getTime() ?? null, s.completedAt?.getTime() ?? null])).toEqual([
      ["EXPAND", started, started + 10 * MIN],
      ["MIGRATE", started + 10 * MIN, null],
      ["CONTRACT", null, null],
    ]);
    expect(facts?.decisions).toMatchObject([
      { verdict: "STOP", reason: "errors", snapshot: { signals: [] }, actor: { id: user.id }, stage: { kind: "MIGRATE" } },
    ]);
  });

  it("reads a release whose older samples were rolled up per minute together with the raw rest", async () => {
    const release = await makeRelease("Partly rolled up");
    const signalId = release.signals.find((s) => s.key === "error_rate")!.id;
    await testDb().criterion.create({ data: { releaseId: release.id, signalId, comparator: "GT", warnThreshold: 1, stopThreshold: 2, position: 0 } });
    // Ten minutes of one sample per 10 s, calm, with a breach in minute 2 (rolled up) and minute 8 (raw).
    const base = Math.floor(started / MIN) * MIN + MIN;
    const samples = Array.from({ length: 60 }, (_, i) => ({ at: base + i * 10_000, value: i === 14 ? 2.5 : i === 50 ? 4 : 0.5 + (i % 3) * 0.1 }));
    await testDb().signalSample.createMany({ data: samples.map((s) => ({ signalId, at: new Date(s.at), value: s.value })) });
    // The first half (minutes 0–4) as retention would leave it: one row per minute, raw rows gone.
    expect(await rollUpOldestSamples(testDb(), signalId, 30)).toEqual({ deleted: 30, minutes: 5 });

    const window = { from: started, to: Date.now() };
    const points = (await listDeploySeries(user, release.id, window)).find((s) => s.key === "error_rate")!.points;
    // Rolled-up minutes give their lowest and highest sample at its own time; the rest stays raw.
    for (const minute of [0, 1, 2, 3, 4]) {
      const inMinute = samples.slice(minute * 6, minute * 6 + 6);
      const low = inMinute.reduce((a, b) => (b.value < a.value ? b : a));
      const high = inMinute.reduce((a, b) => (b.value > a.value ? b : a));
      expect(points.filter((p) => p.at >= base + minute * MIN && p.at < base + (minute + 1) * MIN)).toEqual([low, high]);
    }
    expect(points).toContainEqual({ at: base + 140_000, value: 2.5 });
    expect(points.filter((p) => p.at >= base + 5 * MIN)).toEqual(samples.slice(30));

    const { samplesByKey } = await listFirstStopBreaches(user, release.id, window);
    expect(samplesByKey).toEqual({ error_rate: [{ at: base + 140_000, value: 2.5 }] });
  });
});
