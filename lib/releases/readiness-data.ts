import type { Db, Tx } from "@/lib/db";
import { checkFlagProvider } from "@/lib/flags/providers/registry";
import { checkStageSql } from "@/lib/lint/check";
import type { LintResult } from "@/lib/lint/types";
import { droppedObjects } from "@/lib/proofs/drops";
import type { ComputedProof } from "@/lib/proofs/state";
import { computeReadiness } from "@/lib/releases/readiness";

// Gathers what the readiness checks need (the stage SQL's lint results, the flag provider's
// answer, owners, runbook, criteria, drills) and computes them.

export async function gatherReadiness(db: Db | Tx, releaseId: string, overrideReason?: string | null) {
  const release = await db.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      decisionOwnerId: true,
      backupOwnerId: true,
      flagProvider: true,
      flagKey: true,
      flagEnvironment: true,
      lintOverrideReason: true,
      businessCycleDays: true,
      targetDatabase: { select: { name: true } },
      stages: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          ownerId: true,
          rollbackNote: true,
          sql: true,
          checklistItems: { where: { OR: [{ isProof: true }, { computedProof: { not: null } }] }, select: { id: true, computedProof: true } },
        },
      },
      runbookSteps: { select: { role: true, assigneeId: true } },
      drills: { select: { result: true, performedOn: true, createdAt: true } },
      _count: { select: { criteria: true } },
    },
  });
  const [lint, provider] = await Promise.all([
    Promise.all(release.stages.map((stage) => checkStageSql(stage.kind, stage.sql))),
    checkFlagProvider(release.flagProvider, release.flagKey, release.flagEnvironment),
  ]);
  const contract = release.stages.find((stage) => stage.kind === "CONTRACT");
  const computedProofs = {
    kinds: [...new Set(contract?.checklistItems.flatMap((item) => (item.computedProof ? [item.computedProof as ComputedProof] : [])))],
    drops: droppedObjects(contract?.sql ?? "").map((drop) => drop.name),
    targetName: release.targetDatabase?.name ?? null,
    cycleDays: release.businessCycleDays,
  };
  const lintByStage: Record<string, LintResult> = Object.fromEntries(release.stages.map((stage, i) => [stage.id, lint[i]!]));
  const readiness = computeReadiness({
    stages: release.stages.map((stage, i) => ({
      kind: stage.kind,
      ownerId: stage.ownerId,
      rollbackNote: stage.rollbackNote,
      lintErrors: lint[i]!.errors,
      requiresProof: lint[i]!.requiresProof,
      proofItems: stage.checklistItems.length,
    })),
    decisionOwnerId: release.decisionOwnerId,
    backupOwnerId: release.backupOwnerId,
    runbook: release.runbookSteps,
    flag: { key: release.flagKey, environment: release.flagEnvironment, provider },
    lintOverrideReason: overrideReason === undefined ? release.lintOverrideReason : overrideReason,
    criteria: release._count.criteria,
    drills: release.drills.map((drill) => ({ result: drill.result, performedOn: drill.performedOn, recordedAt: drill.createdAt })),
    computedProofs,
  });
  return { ...readiness, lintByStage, lintErrors: lint.reduce((sum, r) => sum + r.errors, 0) };
}
