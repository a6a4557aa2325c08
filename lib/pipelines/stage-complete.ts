import { auditedTransaction, Refusal } from "@/lib/action";
import type { ApiPrincipal } from "@/lib/api/v1/token-principal";
import { STAGE_KIND, stageNameOf, type StageName } from "@/lib/api/v1/schemas";
import { getDb } from "@/lib/db";
import { appSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { getReleaseAccess } from "@/lib/releases/access";
import { completeStageIn } from "@/lib/releases/commands/deploy";
import type { ReleaseStatus } from "@/lib/releases/status";
import { readForCompletion } from "@/lib/verify/complete";

// A pipeline that has applied a stage marks it complete with a token that has the deploy scope:
// the same rules as the cockpit's button (every checklist item ticked, the stage's schema check
// against the target and Contract's proofs hold) in the same audited transaction. A token never
// overrides a failing check: that takes the decision owner's written reason, in the cockpit.

// The stage's id, for a route that names it by its API name.
export async function stageIdOf(releaseId: string, stage: StageName): Promise<string> {
  const row = await getDb().stage.findFirst({ where: { releaseId, kind: STAGE_KIND[stage] }, select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", "That release has no such stage.");
  return row.id;
}

export async function completeStageByToken(
  principal: Extract<ApiPrincipal, { kind: "token" }>,
  releaseId: string,
  stage: StageName,
): Promise<{ stage: StageName; next: StageName | null; status: ReleaseStatus }> {
  const input = { releaseId, stageId: await stageIdOf(releaseId, stage), override: false, overrideReason: "" };
  const [release, prepared] = await Promise.all([getReleaseAccess(appSql(), releaseId), readForCompletion(input)]);
  const result = await auditedTransaction("stage.complete", principal.actor, (core) =>
    completeStageIn({ ...core, input, prepared, release }, { userId: null, name: principal.actor.label, user: null, tokenId: principal.token.id }),
  );
  if (result instanceof Refusal) throw result.error;
  return { stage, next: result.next ? stageNameOf(result.next) : null, status: result.status };
}
