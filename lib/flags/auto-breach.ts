import type { Db, Tx } from "@/lib/db";
import { evaluateCriterion, type CriterionSpec, type Evaluation } from "@/lib/signals/evaluate";
import { releaseHealth } from "@/lib/signals/health";

// What both automatic actions act on: among the given criteria, the one breached longest, at STOP
// on fresh data (never STALE) for at least `after` checks in a row, counting only samples newer
// than `since` (the last time a person answered: an acknowledgement, or the backfill switch's
// last change). Breaches a person has already answered do not fire again; a new run of N does.

export interface AutoBreach {
  spec: CriterionSpec;
  evaluation: Evaluation;
}

export async function longestBreach(
  db: Db | Tx,
  releaseId: string,
  criteria: { ids: Set<string>; after: number; since: number },
  now: number,
): Promise<AutoBreach | null> {
  const health = await releaseHealth(db, releaseId, now);
  const breaches = health.specs.flatMap((spec) => {
    if (!criteria.ids.has(spec.id) || health.evaluations.find((e) => e.criterionId === spec.id)?.status !== "STOP") return [];
    const evaluation = evaluateCriterion(
      spec,
      (health.samplesByKey[spec.signalKey] ?? []).filter((sample) => sample.at > criteria.since),
      now,
    );
    return evaluation.status === "STOP" && evaluation.stopBreaches >= criteria.after ? [{ spec, evaluation }] : [];
  });
  return breaches.sort((a, b) => b.evaluation.stopBreaches - a.evaluation.stopBreaches)[0] ?? null;
}
