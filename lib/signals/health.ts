import type { Db, Tx } from "@/lib/db";
import { evaluateAll, type CriterionSpec, type Evaluation, type Recommendation, type SamplePoint } from "@/lib/signals/evaluate";

// A release's health right now, computed on the server the same way the cockpit computes it in
// the browser: criteria specs, recent samples per signal, evaluations and the recommendation.

export interface SignalInfo {
  key: string;
  name: string;
  unit: CriterionSpec["unit"];
  source: "PROMETHEUS" | "PUSH" | "DEMO";
  intervalSeconds: number;
  lastError: string | null;
}

export interface Health {
  at: number;
  signals: SignalInfo[];
  specs: CriterionSpec[];
  samplesByKey: Record<string, SamplePoint[]>;
  evaluations: Evaluation[];
  recommendation: Recommendation;
}

export async function loadSpecs(db: Db | Tx, releaseId: string): Promise<{ signals: SignalInfo[]; specs: CriterionSpec[] }> {
  const [signals, criteria] = await Promise.all([
    db.signal.findMany({ where: { releaseId }, orderBy: { createdAt: "asc" }, select: { key: true, name: true, unit: true, source: true, pollIntervalSeconds: true, lastError: true } }),
    db.criterion.findMany({
      where: { releaseId },
      orderBy: { position: "asc" },
      select: { id: true, comparator: true, warnThreshold: true, stopThreshold: true, windowSeconds: true, signal: { select: { key: true, name: true, unit: true, pollIntervalSeconds: true } } },
    }),
  ]);
  return {
    signals: signals.map((s) => ({ key: s.key, name: s.name, unit: s.unit, source: s.source, intervalSeconds: s.pollIntervalSeconds, lastError: s.lastError })),
    specs: criteria.map((c) => ({
      id: c.id,
      signalKey: c.signal.key,
      signalName: c.signal.name,
      unit: c.signal.unit,
      comparator: c.comparator,
      warnThreshold: c.warnThreshold,
      stopThreshold: c.stopThreshold,
      windowSeconds: c.windowSeconds,
      intervalSeconds: c.signal.pollIntervalSeconds,
    })),
  };
}

export async function loadSamples(db: Db | Tx, releaseId: string, sinceMs: number): Promise<Record<string, SamplePoint[]>> {
  const rows = await db.$queryRaw<{ key: string; at: Date; value: number }[]>`
    SELECT g.key, s.at, s.value FROM signal_samples s JOIN signals g ON g.id = s.signal_id
     WHERE g.release_id = ${releaseId}::uuid AND s.at >= ${new Date(sinceMs)}
     ORDER BY s.at`;
  const out: Record<string, SamplePoint[]> = {};
  for (const row of rows) (out[row.key] ??= []).push({ at: row.at.getTime(), value: row.value });
  return out;
}

export async function releaseHealth(db: Db | Tx, releaseId: string, now = Date.now(), historyMs = 0): Promise<Health> {
  const { signals, specs } = await loadSpecs(db, releaseId);
  const widest = Math.max(60, ...specs.map((s) => s.windowSeconds), ...signals.map((s) => 2 * s.intervalSeconds)) * 1000;
  const samplesByKey = await loadSamples(db, releaseId, now - Math.max(widest, historyMs));
  const { evaluations, recommendation } = evaluateAll(specs, samplesByKey, now);
  return { at: now, signals, specs, samplesByKey, evaluations, recommendation };
}

// What a decision or a flip records: every signal's latest value and status at this instant.
export function snapshotOf(health: Health) {
  return {
    at: new Date(health.at).toISOString(),
    recommendation: { verdict: health.recommendation.verdict, reason: health.recommendation.reason },
    signals: health.signals.map((signal) => {
      const latest = health.samplesByKey[signal.key]?.at(-1) ?? null;
      const evaluation = health.evaluations.find((e) => health.specs.find((s) => s.id === e.criterionId)?.signalKey === signal.key);
      return {
        key: signal.key,
        name: signal.name,
        unit: signal.unit,
        value: evaluation?.value ?? latest?.value ?? null,
        at: (evaluation?.at ?? latest?.at) ? new Date((evaluation?.at ?? latest?.at)!).toISOString() : null,
        status: evaluation?.status ?? null,
        reason: evaluation?.reason ?? null,
      };
    }),
  };
}

export type HealthSnapshot = ReturnType<typeof snapshotOf>;
