import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import { listDeploySeries, listFirstStopBreaches } from "@/lib/audit/report/queries";
import type { CurrentUser } from "@/lib/permissions";
import { runRetention } from "@/lib/signals/retention/run";
import { openScratchDb } from "@/lib/testing/db";

// Retention on a database of its own (it looks at every finished release): the process's one
// client (lib/db.ts) points at it too, so the report reads what the job left behind.

const DAY = 86_400_000;
const MIN = 60_000;
const now = Date.UTC(2026, 11, 2, 12, 0, 0);
const cache = globalThis as unknown as { switchbackDb?: Db };
let scratch: Awaited<ReturnType<typeof openScratchDb>>;
let shared: Db | undefined;
let user: CurrentUser;

beforeAll(async () => {
  scratch = await openScratchDb();
  shared = cache.switchbackDb;
  cache.switchbackDb = scratch.db;
  user = await scratch.db.user.create({
    data: { email: "retention@retention.test", name: "Retention", role: "OPERATOR" },
    select: { id: true, email: true, name: true, role: true },
  });
});
afterAll(async () => {
  cache.switchbackDb = shared;
  await scratch.drop();
});

interface Sample {
  at: number;
  value: number;
}

// A release with one error-rate signal (stop above 2 %), its samples, and an audit event.
async function release(status: "COMPLETED" | "IN_PROGRESS" | "ROLLED_BACK", finishedDaysAgo: number | null, samples: Sample[]) {
  const db = scratch.db;
  const start = samples[0]?.at ?? now - 40 * DAY;
  const created = await db.release.create({
    data: {
      title: `Retention ${status} ${finishedDaysAgo}`,
      status,
      startedAt: new Date(start - MIN),
      finishedAt: finishedDaysAgo === null ? null : new Date(now - finishedDaysAgo * DAY),
      decisionOwnerId: user.id,
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } },
    },
    select: { id: true, signals: { select: { id: true } } },
  });
  const signalId = created.signals[0]!.id;
  await db.criterion.create({ data: { releaseId: created.id, signalId, comparator: "GT", warnThreshold: 1, stopThreshold: 2, position: 0 } });
  await db.signalSample.createMany({ data: samples.map((s) => ({ signalId, at: new Date(s.at), value: s.value })) });
  await appendAudit(db, { actor: { type: "USER", id: user.id, label: user.name }, action: "release.deploy_started", releaseId: created.id });
  return { id: created.id, signalId };
}

// Three minutes of samples every 5 s, values in quarters (sums stay exact), with a spike, a tie
// for the lowest value (the earlier one counts), a sample that is not a number, and a minute
// boundary that falls inside a retention batch.
function deploySamples(base: number): Sample[] {
  const samples = Array.from({ length: 36 }, (_, i) => ({ at: base + i * 5000, value: 0.25 * ((i * 7) % 5) + 0.5 }));
  samples[17] = { at: samples[17]!.at, value: 3.75 };
  samples.push({ at: base + 36 * 5000 + 1, value: Number.NaN });
  return samples;
}

// What a minute row should hold, computed here from the samples themselves.
function expectedMinutes(samples: Sample[]) {
  const byMinute = new Map<number, Sample[]>();
  for (const s of samples.filter((s) => Number.isFinite(s.value))) {
    const minute = Math.floor(s.at / MIN) * MIN;
    byMinute.set(minute, [...(byMinute.get(minute) ?? []), s]);
  }
  return [...byMinute].map(([minute, list]) => {
    const low = list.reduce((a, b) => (b.value < a.value ? b : a));
    const high = list.reduce((a, b) => (b.value > a.value ? b : a));
    const last = list.reduce((a, b) => (b.at >= a.at ? b : a));
    const sum = list.reduce((total, s) => total + s.value, 0);
    return {
      minute,
      count: list.length,
      mean: sum / list.length,
      min: low.value,
      minAt: low.at,
      max: high.value,
      maxAt: high.at,
      last: last.value,
      lastAt: last.at,
    };
  });
}

async function minuteRows(signalId: string) {
  const rows = await scratch.db.signalSampleMinute.findMany({ where: { signalId }, orderBy: { minute: "asc" } });
  return rows.map((r) => ({
    minute: r.minute.getTime(),
    count: r.count,
    mean: r.sum / r.count,
    min: r.min,
    minAt: r.minAt.getTime(),
    max: r.max,
    maxAt: r.maxAt.getTime(),
    last: r.last,
    lastAt: r.lastAt.getTime(),
  }));
}

const rawCount = (signalId: string) => scratch.db.signalSample.count({ where: { signalId } });
const auditRows = () =>
  scratch.db.auditEvent.findMany({
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, releaseId: true, before: true, after: true, hash: true },
  });

describe("sample retention", () => {
  it("rolls the raw samples of a long-finished release into minutes, leaves others alone, and a second run changes nothing", async () => {
    const base = now - 45 * DAY + 20_000;
    const samples = deploySamples(base);
    const old = await release("COMPLETED", 40, samples);
    const rolledBack = await release("ROLLED_BACK", 31, deploySamples(base + 10 * MIN));
    const recent = await release("COMPLETED", 5, deploySamples(base));
    const running = await release("IN_PROGRESS", null, deploySamples(base));
    const trail = await auditRows();

    const window = { from: base - MIN, to: base + 10 * MIN };
    const before = await listDeploySeries(user, old.id, window);
    const breachBefore = await listFirstStopBreaches(user, old.id, window);

    // Batches of 7 split minutes, so the merge of a minute's parts is exercised as well.
    const first = await runRetention(scratch.db, { days: 30, now: new Date(now), batchRows: 7 });
    expect(first).toMatchObject({ signals: 2, deleted: 2 * samples.length, minutes: expect.any(Number), finished: true });

    expect(await rawCount(old.signalId)).toBe(0);
    expect(await rawCount(rolledBack.signalId)).toBe(0);
    expect(await minuteRows(old.signalId)).toEqual(expectedMinutes(samples));
    expect(await rawCount(recent.signalId)).toBe(samples.length);
    expect(await rawCount(running.signalId)).toBe(samples.length);
    expect(await scratch.db.signalSampleMinute.count({ where: { signalId: { in: [recent.signalId, running.signalId] } } })).toBe(0);

    const kept = await scratch.db.signalSampleMinute.findMany({ orderBy: [{ signalId: "asc" }, { minute: "asc" }] });
    const second = await runRetention(scratch.db, { days: 30, now: new Date(now), batchRows: 7 });
    expect(second).toEqual({ signals: 0, deleted: 0, minutes: 0, batches: 0, finished: true });
    expect(await scratch.db.signalSampleMinute.findMany({ orderBy: [{ signalId: "asc" }, { minute: "asc" }] })).toEqual(kept);

    // The audit trail is never pruned or changed.
    expect(await auditRows()).toEqual(trail);

    // The report still draws the release: every point a real sample at its own time, each
    // minute's lowest and highest among them, the spike where it was, and the same first breach.
    const after = await listDeploySeries(user, old.id, window);
    expect(after.map(({ points: _, ...signal }) => signal)).toEqual(before.map(({ points: _, ...signal }) => signal));
    const beforePoints = before[0]!.points;
    const afterPoints = after[0]!.points;
    expect(afterPoints.length).toBeGreaterThan(0);
    for (const point of afterPoints) expect(beforePoints).toContainEqual(point);
    for (const minute of expectedMinutes(samples)) {
      expect(afterPoints).toContainEqual({ at: minute.minAt, value: minute.min });
      expect(afterPoints).toContainEqual({ at: minute.maxAt, value: minute.max });
    }
    expect(afterPoints).toContainEqual({ at: samples[17]!.at, value: 3.75 });
    expect(await listFirstStopBreaches(user, old.id, window)).toEqual(breachBefore);
  });

  it("stops at its row budget and the next run carries on where it stopped", async () => {
    const base = now - 60 * DAY;
    const samples = deploySamples(base);
    const old = await release("COMPLETED", 50, samples);
    await runRetention(scratch.db, { days: 30, now: new Date(now) });
    // Samples that arrive later for a minute already rolled up merge into it.
    const late = deploySamples(base).slice(0, 12);
    await scratch.db.signalSample.createMany({ data: late.map((s) => ({ signalId: old.signalId, at: new Date(s.at + 1), value: s.value + 10 })) });

    const partial = await runRetention(scratch.db, { days: 30, now: new Date(now), batchRows: 5, maxRows: 8 });
    expect(partial).toMatchObject({ deleted: 8, finished: false });
    expect(await rawCount(old.signalId)).toBe(late.length - 8);
    const rest = await runRetention(scratch.db, { days: 30, now: new Date(now), batchRows: 5, maxRows: 8 });
    expect(rest).toMatchObject({ deleted: late.length - 8, finished: true });
    expect(await rawCount(old.signalId)).toBe(0);
    expect(await minuteRows(old.signalId)).toEqual(expectedMinutes([...samples, ...late.map((s) => ({ at: s.at + 1, value: s.value + 10 }))]));
  });
});
