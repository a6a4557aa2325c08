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

  // Array.prototype.sort is stable, so ties keep the order the criteria were defined in.
  const stops = current.filter((e) => e.status === "STOP").sort((a, b) => b.stopBreaches - a.stopBreaches);
  const [worstStop] = stops;
  if (worstStop) return { verdict: "STOP", reason: `${worstStop.reason}${andMore(stops.length - 1, "at STOP")}` };

  const stale = current.filter((e) => e.status === "STALE");
  const [firstStale] = stale;
  if (firstStale) return { verdict: "HOLD", reason: `Insufficient data: ${firstStale.reason}${andMore(stale.length - 1, "stale")}` };

  const warns = current.filter((e) => e.status === "WARN").sort((a, b) => b.warnBreaches - a.warnBreaches);
  if (warns.length > 0) return { verdict: "GO", reason: `No stop threshold crossed; watch: ${warns.map((e) => e.reason).join("; ")}` };
  return { verdict: "GO", reason: specs.length === 1 ? "1 criterion OK" : `All ${specs.length} criteria OK` };
}
