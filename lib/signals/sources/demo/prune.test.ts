import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneDemoSamples } from "@/lib/signals/sources/demo/prune";
import { openScratchDb } from "@/lib/testing/db";

// The demo keeps a rolling day. On a database of its own: pruning looks at every demo release.

const HOUR = 3_600_000;
const now = new Date(Date.UTC(2026, 11, 2, 12, 0, 0));
let scratch: Awaited<ReturnType<typeof openScratchDb>>;

beforeAll(async () => {
  scratch = await openScratchDb();
});
afterAll(async () => {
  await scratch.drop();
});

// A release with one signal and a sample every hour over the last two days.
async function releaseWithSamples(isDemo: boolean, status: "IN_PROGRESS" | "COMPLETED", source: "DEMO" | "PUSH") {
  const release = await scratch.db.release.create({
    data: {
      title: `Prune ${isDemo} ${status} ${source}`,
      isDemo,
      status,
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", source } },
    },
    select: { signals: { select: { id: true } } },
  });
  const signalId = release.signals[0]!.id;
  await scratch.db.signalSample.createMany({
    data: Array.from({ length: 48 }, (_, i) => ({ signalId, at: new Date(now.getTime() - (i + 0.5) * HOUR), value: i })),
  });
  return signalId;
}

const ages = async (signalId: string) =>
  (await scratch.db.signalSample.findMany({ where: { signalId }, select: { at: true } })).map((s) => (now.getTime() - s.at.getTime()) / HOUR);

describe("demo data retention", () => {
  it("deletes the generator's samples older than a day, a bounded batch at a time, and nothing else", async () => {
    const demo = await releaseWithSamples(true, "IN_PROGRESS", "DEMO");
    const pushedToDemo = await releaseWithSamples(true, "IN_PROGRESS", "PUSH");
    const endedDemo = await releaseWithSamples(true, "COMPLETED", "DEMO");
    const real = await releaseWithSamples(false, "IN_PROGRESS", "DEMO");

    expect(await pruneDemoSamples(scratch.db, now, 10)).toBe(10);
    expect(await pruneDemoSamples(scratch.db, now, 10)).toBe(10);
    expect(await pruneDemoSamples(scratch.db, now, 10)).toBe(4);
    expect(await pruneDemoSamples(scratch.db, now, 10)).toBe(0);

    const kept = await ages(demo);
    expect(kept).toHaveLength(24);
    expect(Math.max(...kept)).toBeLessThan(24);
    for (const other of [pushedToDemo, endedDemo, real]) expect(await ages(other)).toHaveLength(48);
  });
});
