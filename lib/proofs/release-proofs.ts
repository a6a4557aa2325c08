import type { Db, Tx } from "@/lib/db";
import { storedBaseline, type StatementBaseline } from "@/lib/proofs/baseline";
import { computableProofs, storedProofState, type ComputedProof, type ProofState } from "@/lib/proofs/state";

// A release's computed Contract proofs as stored: what the gate, the tick refusal and the
// stage-complete rule read inside their transaction.

export interface ReleaseProofs {
  hasTarget: boolean;
  targetName: string | null;
  cycleDays: number;
  migrateCompletedAt: Date | null;
  baseline: StatementBaseline | null;
  state: ProofState | null;
  computable: Set<ComputedProof>;
  // The Contract checklist's computed items.
  items: { id: string; text: string; done: boolean; computedProof: ComputedProof }[];
}

export async function releaseProofs(db: Db | Tx, releaseId: string): Promise<ReleaseProofs | null> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: {
      targetDatabaseId: true,
      targetDatabase: { select: { name: true } },
      businessCycleDays: true,
      stages: {
        where: { kind: { in: ["MIGRATE", "CONTRACT"] } },
        select: {
          kind: true,
          completedAt: true,
          statementBaseline: true,
          proofState: true,
          checklistItems: { where: { computedProof: { not: null } }, select: { id: true, text: true, done: true, computedProof: true } },
        },
      },
    },
  });
  if (!release) return null;
  const migrate = release.stages.find((s) => s.kind === "MIGRATE");
  const contract = release.stages.find((s) => s.kind === "CONTRACT");
  const state = storedProofState(contract?.proofState);
  const hasTarget = release.targetDatabaseId !== null;
  return {
    hasTarget,
    targetName: release.targetDatabase?.name ?? null,
    cycleDays: release.businessCycleDays,
    migrateCompletedAt: migrate?.completedAt ?? null,
    baseline: storedBaseline(migrate?.statementBaseline),
    state,
    computable: computableProofs(hasTarget, state),
    items: (contract?.checklistItems ?? []).map((item) => ({ ...item, computedProof: item.computedProof as ComputedProof })),
  };
}

/** Whether a person's tick counts for this item: not while Switchback computes its proof. */
export const tickCounts = (proofs: ReleaseProofs | null, computedProof: string | null) =>
  !computedProof || !proofs?.computable.has(computedProof as ComputedProof);
