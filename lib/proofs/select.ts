// What a stage select adds so its Contract checklist and proof lines can say what Switchback
// computes (lib/proofs/view.ts): the stored proof on the stage, and from the stage's release the
// target, the business cycle and when Migrate completed.
export const CONTRACT_PROOF_STAGE_FIELDS = { proofState: true, proofOverrideReason: true } as const;

// Spread next to the release's targetDatabase name, which the schema check line selects already.
export const CONTRACT_PROOF_RELEASE_FIELDS = {
  businessCycleDays: true,
  stages: { where: { kind: "MIGRATE" }, select: { completedAt: true } },
} as const;

export interface ContractProofFields {
  proofState: unknown;
  proofOverrideReason: string | null;
  release: { businessCycleDays: number; targetDatabase: { name: string } | null; stages: { completedAt: Date | string | null }[] };
}

export const proofContextOf = (stage: ContractProofFields) => ({
  state: stage.proofState,
  database: stage.release.targetDatabase?.name ?? null,
  cycleDays: stage.release.businessCycleDays,
  migrateCompletedAt: stage.release.stages[0]?.completedAt ?? null,
});
