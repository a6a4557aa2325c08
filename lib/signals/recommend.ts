import type { CriterionSpec, Evaluation } from "@/lib/signals/evaluate";

// The cockpit's one-line verdict over all criteria. Any STOP wins; otherwise any criterion without
// fresh data holds the call, because missing data never counts as healthy; only then GO.

export interface Recommendation {
  verdict: "GO" | "STOP" | "HOLD";
  reason: string;
}

const andMore = (n: number, state: string) => (n > 0 ? ` (and ${n} more ${n === 1 ? "criterion" : "criteria"} ${state})` : "");

export function recommend(specs: readonly CriterionSpec[], evaluations: readonly Evaluation[]): Recommendation {
  if (specs.length === 0) return { verdict: "HOLD", reason: "No go/stop criteria defined" };

  // A criterion the caller did not evaluate is as unknown as one without data.
  const current = specs.map(
    (spec): Evaluation =>
      evaluations.find((e) => e.criterionId === spec.id) ?? {
        criterionId: spec.id,
        status: "STALE",
        value: null,
        at: null,
        stopBreaches: 0,
        warnBreaches: 0,
        reason: `No evaluation for ${spec.signalName}`,
      },
  );

  const perSignal = onePerSignal(specs, current);
  const stops = perSignal.filter((e) => e.status === "STOP").sort((a, b) => b.stopBreaches - a.stopBreaches);
  const [worstStop] = stops;
  if (worstStop) return { verdict: "STOP", reason: `${worstStop.reason}${andMore(stops.length - 1, "at STOP")}` };

  const stale = perSignal.filter((e) => e.status === "STALE");
  const [firstStale] = stale;
  if (firstStale) return { verdict: "HOLD", reason: `Insufficient data: ${firstStale.reason}${andMore(stale.length - 1, "stale")}` };

  const warns = perSignal.filter((e) => e.status === "WARN").sort((a, b) => b.warnBreaches - a.warnBreaches);
  if (warns.length > 0) return { verdict: "GO", reason: `No stop threshold crossed; watch: ${warns.map((e) => e.reason).join("; ")}` };
  return { verdict: "GO", reason: perSignal.length === 1 ? "1 criterion OK" : `All ${perSignal.length} criteria OK` };
}

const SEVERITY: Record<Evaluation["status"], number> = { OK: 0, WARN: 1, STALE: 2, STOP: 3 };
const worseThan = (a: Evaluation, b: Evaluation) =>
  SEVERITY[a.status] - SEVERITY[b.status] || a.stopBreaches - b.stopBreaches || a.warnBreaches - b.warnBreaches;

// A signal is one vote, however many criteria name it: saving a second criterion for a signal is
// refused, but older plans may hold one. Its worst evaluation (then the longest breach) speaks for
// it. A Map keeps first-seen order and sort is stable, so ties keep the order criteria were defined in.
function onePerSignal(specs: readonly CriterionSpec[], evaluations: readonly Evaluation[]): Evaluation[] {
  const worst = new Map<string, Evaluation>();
  specs.forEach((spec, i) => {
    const held = worst.get(spec.signalKey);
    if (!held || worseThan(evaluations[i]!, held) > 0) worst.set(spec.signalKey, evaluations[i]!);
  });
  return [...worst.values()];
}

// What the cockpit shows, which also knows the kill switch. With the flag OFF nobody is on the new
// path, so healthy signals say nothing about it: a green GO would read as "the release is fine".
export type ShownVerdict = Recommendation["verdict"] | "FLAG_OFF";
export interface ShownRecommendation {
  verdict: ShownVerdict;
  reason: string;
}

export function withFlagState(recommendation: Recommendation, flagEnabled: boolean | null): ShownRecommendation {
  if (flagEnabled !== false) return recommendation;
  if (recommendation.verdict === "GO")
    return {
      verdict: "FLAG_OFF",
      reason: `The flag is off: everyone is on the old path, so the signals say nothing about the new one (${recommendation.reason})`,
    };
  return { verdict: recommendation.verdict, reason: `${recommendation.reason}. The flag is already off: everyone is on the old path` };
}
