import type { ApiPrincipal } from "@/lib/api/v1/token-principal";
import { STAGE_KIND, type StageName } from "@/lib/api/v1/schemas";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockReleaseStatus } from "@/lib/releases/lock";

// Every gate answer of go: true is in the audit trail before the pipeline hears it: "Pipeline
// token “ci-deploy” passed the Migrate gate". It changes no state, so it is the one event of its
// transaction; if it cannot be written the pipeline gets a 503 and asks again, never an
// unrecorded go.

// A wait lasts up to 15 minutes: the token that asked may have been revoked meanwhile, and a Stop
// may commit between the judgement and this write. Both are checked again under locks here, so a
// pass is recorded only for a live token and a release still in a state that may deploy.
const MAY_DEPLOY = new Set(["READY", "IN_PROGRESS"]);

export async function recordGatePass(principal: ApiPrincipal, releaseId: string, stage: StageName): Promise<Date> {
  const at = new Date();
  const via = principal.kind === "token" ? { tokenId: principal.token.id, tokenName: principal.token.name } : { session: true };
  await getDb().$transaction(async (tx) => {
    if (principal.kind === "token") {
      const live = await tx.$queryRawUnsafe<unknown[]>(
        "SELECT 1 FROM api_tokens WHERE id = $1::uuid AND revoked_at IS NULL AND expires_at > now() FOR SHARE",
        principal.token.id,
      );
      if (!live.length) throw new AppError("UNAUTHENTICATED", "This token was revoked or expired while it waited; nothing was passed.");
    }
    const status = await lockReleaseStatus(tx, releaseId, "share");
    if (!MAY_DEPLOY.has(status)) throw new AppError("CONFLICT", "The release changed while the gate answered; ask again.");
    await appendAudit(tx, {
      actor: principal.actor,
      action: "pipeline.gate_passed",
      releaseId,
      after: { stage: STAGE_KIND[stage], at: at.toISOString(), ...via },
    });
  });
  return at;
}
