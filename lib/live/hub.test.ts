import { describe, expect, it } from "vitest";
import { formatCursor } from "@/lib/live/cursor";
import type { LiveBatch } from "@/lib/live/events";
import { subscribe } from "@/lib/live/hub";
import { ingestSamples } from "@/lib/signals/ingest";
import { testDb } from "@/lib/testing/db";

async function releaseWithSignal() {
  return testDb().release.create({
    data: { title: "Hub", signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } } },
    select: { id: true, signals: { select: { id: true } } },
  });
}

const values = (batches: LiveBatch[]) => batches.flatMap((b) => b.samples.map((s) => s.value));

describe("live hub", () => {
  it("delivers every new sample to every watcher, even when they all connect at once", async () => {
    const release = await releaseWithSignal();
    const received: LiveBatch[][] = Array.from({ length: 8 }, () => []);
    const stops = await Promise.all(received.map((list) => subscribe(release.id, null, (batch) => list.push(batch))));
    await ingestSamples(testDb(), release.id, [{ signalId: release.signals[0]!.id, value: 4.2, at: new Date() }]);
    for (const list of received) await expect.poll(() => values(list)).toEqual([4.2]);
    stops.forEach((stop) => stop());
  });

  it("replays what happened after a cursor, then carries on live, without gaps or repeats", async () => {
    const release = await releaseWithSignal();
    const signalId = release.signals[0]!.id;
    const first: LiveBatch[] = [];
    const stopFirst = await subscribe(release.id, null, (batch) => first.push(batch));
    await ingestSamples(testDb(), release.id, [{ signalId, value: 1, at: new Date() }]);
    await expect.poll(() => values(first)).toEqual([1]);
    const cursor = first.at(-1)!.cursor;
    stopFirst();

    await ingestSamples(testDb(), release.id, [{ signalId, value: 2, at: new Date() }]);
    await ingestSamples(testDb(), release.id, [{ signalId, value: 3, at: new Date() }]);

    const resumed: LiveBatch[] = [];
    const stop = await subscribe(release.id, cursor, (batch) => resumed.push(batch));
    await ingestSamples(testDb(), release.id, [{ signalId, value: 4, at: new Date() }]);
    await expect.poll(() => values(resumed)).toEqual([2, 3, 4]);
    expect(formatCursor(resumed.at(-1)!.cursor)).toMatch(/^a:\d+,s:\d+$/);
    stop();
  });
});
