import "server-only";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StageKind } from "@/lib/generated/prisma/enums";
import { can, type CurrentUser, type ReleaseRoles } from "@/lib/permissions";
import { takeStatementBaseline, type StatementBaseline } from "@/lib/proofs/baseline";
import { contractProofProblems } from "@/lib/proofs/gate";
import type { ReleaseProofs } from "@/lib/proofs/release-proofs";
import { STAGE_LABEL } from "@/lib/releases/template";
import { checkStageSchema } from "@/lib/verify/check";
import type { SchemaCheck } from "@/lib/verify/schema-check";

// "Mark stage complete" on a release that names a target database: a fresh schema check of the
// stage (and for Migrate the pg_stat_statements baseline the Contract proof counts from), read
// from the target in the action's `prepare`, before its transaction opens, so no transaction waits
// on a production database. In the transaction, a failing check (or, for Contract, an unmet
// computed proof) refuses the completion unless the decision owner or the backup (PRODUCT.md:
// "Go / Stop decision") writes a reason; one reason serves both, and is stored and audited.

export interface CompletionReads {
  hasTarget: boolean;
  check: SchemaCheck | null;
  baseline: StatementBaseline | null;
}

const NO_TARGET: CompletionReads = { hasTarget: false, check: null, baseline: null };

export async function readForCompletion(input: { releaseId: string; stageId: string }): Promise<CompletionReads> {
  const stage = await getDb().stage.findFirst({
    where: { id: input.stageId, releaseId: input.releaseId },
    select: { kind: true, sql: true, release: { select: { targetDatabase: { select: { id: true, name: true, sealedUrl: true } } } } },
  });
  const target = stage?.release.targetDatabase;
  if (!stage || !target) return NO_TARGET;
  const [check, baseline] = await Promise.all([
    checkStageSchema(target, stage),
    stage.kind === "MIGRATE" ? takeStatementBaseline(target) : Promise.resolve(null),
  ]);
  return { hasTarget: true, check, baseline };
}

interface Gate {
  tx: Tx;
  // null: a pipeline token completes the stage; it never overrides a failing check.
  user: CurrentUser | null;
  release: ReleaseRoles | null;
  releaseId: string;
  kind: StageKind;
  reads: CompletionReads;
  // Contract's computed proofs as the caller already read them in this transaction.
  proofs: ReleaseProofs | null;
  overrideReason: string;
  now: Date;
}

type StageWrites = Pick<Prisma.StageUncheckedUpdateInput, "schemaCheck" | "schemaOverrideReason" | "statementBaseline" | "proofOverrideReason">;

export interface GateOutcome {
  // Written to the stage in the completion's transaction.
  stage: StageWrites;
  // Added to the stage.completed audit event (overrideReason puts it in the report's Overrides).
  audit: Record<string, unknown>;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Throws the refusal when a check fails and no one who may override has written why. */
export async function completionGate({ tx, user, release, releaseId, kind, reads, proofs, overrideReason, now }: Gate): Promise<GateOutcome> {
  if (!reads.hasTarget) return { stage: {}, audit: {} };
  const { check, baseline } = reads;
  const schemaProblems = check && !check.ok ? [check.message] : [];
  const proofProblems = kind === "CONTRACT" ? await contractProofProblems(tx, releaseId, now, proofs) : [];
  const problems = [...schemaProblems, ...proofProblems];
  const stage: StageWrites = {};
  const audit: Record<string, unknown> = {};
  if (check) {
    stage.schemaCheck = json(check);
    audit.schemaCheck = check.message;
  }
  if (baseline) stage.statementBaseline = json(baseline);
  if (problems.length === 0) return { stage, audit };

  const label = STAGE_LABEL[kind];
  const mayOverride = user !== null && can(user, "decision", { release: release ?? undefined });
  if (!overrideReason) {
    throw new AppError(
      "CONFLICT",
      `${problems.join(". ")}. The decision owner or the backup may complete ${label} anyway with a written reason.`,
      // For the cockpit's form, to those who may override: what the override would go past.
      mayOverride ? { override: problems } : undefined,
    );
  }
  if (!mayOverride) {
    throw new AppError("FORBIDDEN", `Only the decision owner or the backup may complete ${label} while its checks fail.`);
  }
  if (schemaProblems.length) stage.schemaOverrideReason = overrideReason;
  if (proofProblems.length) {
    stage.proofOverrideReason = overrideReason;
    audit.proofProblems = proofProblems;
  }
  audit.overrideReason = overrideReason;
  return { stage, audit };
}
