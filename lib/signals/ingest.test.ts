import { describe, expect, it } from "vitest";
import pg from "pg";
import { env } from "@/lib/env";
import { ingestSamples, SAMPLES_CHANNEL } from "@/lib/signals/ingest";
import { testDb } from "@/lib/testing/db";

describe("sample ingestion", () => {
  it("stores a batch and announces it once, after commit", async () => {
    const db = testDb();
    const release = await db.release.create({
      data: { title: "Ingest", signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } } },
      select: { id: true, signals: { select: { id: true } } },
    });
    const signalId = release.signals[0]!.id;
    const listener = new pg.Client({ connectionString: env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${SAMPLES_CHANNEL}`);

    const t0 = new Date("2026-11-20T10:00:00.000Z");
    const result = await ingestSamples(db, release.id, [
      { signalId, value: 0.5, at: t0 },
      { signalId, value: 4.1, at: new Date(t0.getTime() + 5000) },
    ]);
    expect(result.inserted).toBe(2);
    const stored = await db.signalSample.findMany({ where: { signalId }, orderBy: { at: "asc" }, select: { value: true, at: true, id: true } });
    expect(stored.map((s) => [s.value, s.at.toISOString()])).toEqual([
      [0.5, "2026-11-20T10:00:00.000Z"],
      [4.1, "2026-11-20T10:00:05.000Z"],
    ]);
    expect(result.lastId).toBe(stored[1]!.id);

    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0]!)).toEqual({ releaseId: release.id, lastId: stored[1]!.id.toString() });
    await listener.end();
  });
});
