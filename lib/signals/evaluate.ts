import { COMPARATOR_SYMBOL, formatValue } from "@/lib/format/labels";
import { recommend, type Recommendation } from "@/lib/signals/recommend";

// Go/stop criteria over a signal's recent samples. Missing or stale data never counts as healthy:
// a criterion without a fresh, finite sample is STALE whatever its last value said.

export { recommend, type Recommendation };

export type Comparator = "GT" | "GTE" | "LT" | "LTE";
export type Unit = "PERCENT" | "MILLISECONDS" | "SECONDS" | "COUNT";
export type CriterionStatus = "OK" | "WARN" | "STOP" | "STALE";

export interface CriterionSpec {
  id: string;
  signalKey: string;
  signalName: string;
  unit: Unit;
  comparator: Comparator;
  warnThreshold: number | null;
  stopThreshold: number | null;
  windowSeconds: number;
  /** Expected cadence of the signal; data older than twice this is stale. */
  intervalSeconds: number;
}

export interface SamplePoint {
  at: number;
  value: number;
}

export interface Evaluation {
  criterionId: string;
  status: CriterionStatus;
  value: number | null;
  at: number | null;
  /**
   * Trailing run of valid samples in the window breaching the stop threshold, counted even when
   * the status is STALE (it describes the data, not the verdict): gate on `status` before acting.
   */
  stopBreaches: number;
  warnBreaches: number;
  reason: string;
}

// Sources stamp samples with their own clock; a little drift ahead of ours is still "now".
const CLOCK_SKEW_TOLERANCE_MS = 1000;

// Whether a value is past a threshold in the criterion's direction; a missing threshold never is.
export function breaches(comparator: Comparator, value: number, threshold: number | null): boolean {
  if (threshold === null) return false;
  switch (comparator) {
    case "GT":
      return value > threshold;
    case "GTE":
      return value >= threshold;
    case "LT":
      return value < threshold;
    case "LTE":
      return value <= threshold;
  }
}

const samplesWord = (n: number) => `${n} sample${n === 1 ? "" : "s"}`;

function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
}

function trailingRun(values: readonly number[], breached: (value: number) => boolean): number {
  let run = 0;
  for (let i = values.length - 1; i >= 0 && breached(values[i]!); i--) run++;
  return run;
}

export function evaluateCriterion(spec: CriterionSpec, samples: readonly SamplePoint[], now: number): Evaluation {
  const present = samples.filter((s) => Number.isFinite(s.value) && s.at <= now + CLOCK_SKEW_TOLERANCE_MS).sort((a, b) => a.at - b.at);
  const windowStart = now - spec.windowSeconds * 1000;
  const inWindow = present.filter((s) => s.at >= windowStart);
  const latest = inWindow.at(-1);
  const values = inWindow.map((s) => s.value);
  const stopBreaches = trailingRun(values, (v) => breaches(spec.comparator, v, spec.stopThreshold));
  const warnBreaches = trailingRun(values, (v) => breaches(spec.comparator, v, spec.warnThreshold));
  const base = { criterionId: spec.id, value: latest?.value ?? null, at: latest?.at ?? null, stopBreaches, warnBreaches };

  // The boundary is inclusive: a sample exactly two intervals old is still fresh.
  if (!latest || latest.at < now - 2 * spec.intervalSeconds * 1000) {
    const lastSeen = present.at(-1);
    const reason = lastSeen ? `No data for ${spec.signalName} for ${formatAge(now - lastSeen.at)}` : `No data for ${spec.signalName} yet`;
    return { ...base, status: "STALE", reason };
  }

  const reading = `${spec.signalName} ${formatValue(latest.value, spec.unit)}`;
  const symbol = COMPARATOR_SYMBOL[spec.comparator];
  if (stopBreaches > 0) {
    return { ...base, status: "STOP", reason: `${reading} ${symbol} ${formatValue(spec.stopThreshold, spec.unit)} for ${samplesWord(stopBreaches)}` };
  }
  if (warnBreaches > 0) {
    return { ...base, status: "WARN", reason: `${reading} ${symbol} ${formatValue(spec.warnThreshold, spec.unit)} (warn) for ${samplesWord(warnBreaches)}` };
  }
  return { ...base, status: "OK", reason: `${reading} within limits` };
}

export function evaluateAll(
  specs: readonly CriterionSpec[],
  samplesByKey: Readonly<Record<string, readonly SamplePoint[]>>,
  now: number,
): { evaluations: Evaluation[]; recommendation: Recommendation } {
  const evaluations = specs.map((spec) => evaluateCriterion(spec, samplesByKey[spec.signalKey] ?? [], now));
  return { evaluations, recommendation: recommend(specs, evaluations) };
}
