import { COMPARATOR_SYMBOL, formatValue } from "@/lib/format/labels";
import type { CriterionSpec, Evaluation } from "@/lib/signals/evaluate";

// The one sentence every automatic action carries, from the evaluation that fired it: the
// cockpit, the timeline, the webhook and the report all show it as it is.
// "Replica lag 14 s > 10 s for 3 checks → backfill paused"

export type AutoOutcome = "backfill paused" | "flag turned off" | "flag could not be turned off";

type Breach = Pick<CriterionSpec, "signalName" | "unit" | "comparator" | "stopThreshold">;

const checks = (n: number) => `${n} check${n === 1 ? "" : "s"}`;

// What was breached, without what it led to: "Replica lag 14 s > 10 s for 3 checks".
export function breachWords(spec: Breach, evaluation: Pick<Evaluation, "value" | "stopBreaches">): string {
  const threshold = formatValue(spec.stopThreshold, spec.unit);
  return `${spec.signalName} ${formatValue(evaluation.value, spec.unit)} ${COMPARATOR_SYMBOL[spec.comparator]} ${threshold} for ${checks(evaluation.stopBreaches)}`;
}

export const autoSentence = (spec: Breach, evaluation: Pick<Evaluation, "value" | "stopBreaches">, outcome: AutoOutcome) =>
  `${breachWords(spec, evaluation)} → ${outcome}`;
