import type { Db } from "@/lib/db";
import { ingestSamples, type IncomingSample } from "@/lib/signals/ingest";

// The built-in demo generator: plausible health signals for demo releases, labelled as demo data
// everywhere they appear, and a regression that can be injected so a newcomer sees a STOP happen.

export const DEMO_INTERVAL_SECONDS = 2;
export const regressionKey = (releaseId: string) => `demo.regression:${releaseId}`;

interface Shape {
  healthy: (t: number) => number;
  regressed: (t: number) => number;
}

const noise = (spread: number) => (Math.random() - 0.5) * 2 * spread;

const SHAPES: Record<string, Shape> = {
  error_rate: { healthy: () => 0.45 + noise(0.15), regressed: (t) => Math.min(6, 2.6 + t / 20) + noise(0.3) },
  p95_latency: { healthy: () => 340 + noise(40), regressed: (t) => Math.min(1400, 850 + t * 4) + noise(60) },
  lock_waits: { healthy: () => Math.max(0, Math.round(1 + noise(1.2))), regressed: () => Math.round(8 + noise(3)) },
  replica_lag: { healthy: () => 1 + noise(0.4), regressed: (t) => Math.min(18, 6 + t / 10) + noise(1) },
};

// Backfill progress climbs over twenty minutes and starts again, so the demo never looks frozen.
const backfill = (now: number) => ((now / 1000) % 1200) / 12;

export function demoValue(key: string, now: number, regressedForSeconds: number | null): number | null {
  if (key === "backfill_progress") return Math.round(backfill(now) * 10) / 10;
  const shape = SHAPES[key];
  if (!shape) return null;
  const value = regressedForSeconds === null ? shape.healthy(now) : shape.regressed(regressedForSeconds);
  return Math.max(0, Math.round(value * 100) / 100);
}

export async function demoTick(db: Db, now = new Date()): Promise<number> {
  const releases = await db.release.findMany({
    where: { isDemo: true, status: { in: ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED"] } },
    select: { id: true, signals: { where: { source: "DEMO" }, select: { id: true, key: true } } },
  });
  const flags = await db.setting.findMany({ where: { key: { in: releases.map((r) => regressionKey(r.id)) } }, select: { key: true, value: true } });
  let written = 0;
  for (const release of releases) {
    const since = (flags.find((f) => f.key === regressionKey(release.id))?.value as { since?: string } | undefined)?.since;
    const regressedFor = since ? (now.getTime() - Date.parse(since)) / 1000 : null;
    const samples: IncomingSample[] = release.signals.flatMap((signal) => {
      const value = demoValue(signal.key, now.getTime(), regressedFor);
      return value === null ? [] : [{ signalId: signal.id, value, at: now }];
    });
    written += (await ingestSamples(db, release.id, samples)).inserted;
  }
  return written;
}
