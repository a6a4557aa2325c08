import { auditedTransaction, Refusal } from "@/lib/action";
import { assertCovers, releaseScope, type ApiPrincipal } from "@/lib/api/v1/token-principal";
import { stageNameOf, type StageName } from "@/lib/api/v1/schemas";
import { AppError } from "@/lib/errors";
import { startDeployIn } from "@/lib/releases/commands/deploy";

// A pipeline starts the deploy itself (a token with the deploy scope that covers the release):
// the cockpit's Start deploy, the same rules and the same audit event, named for the token. Then
// the pipeline's wait at the Expand gate no longer needs a person to press the button.

export async function startDeployByToken(
  principal: Extract<ApiPrincipal, { kind: "token" }>,
  releaseId: string,
): Promise<{ status: "IN_PROGRESS"; stage: StageName }> {
  const scope = await releaseScope(releaseId);
  if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
  assertCovers(principal, scope);
  const result = await auditedTransaction("release.start_deploy", principal.actor, (core) => startDeployIn(core, releaseId, { tokenId: principal.token.id }));
  if (result instanceof Refusal) throw result.error;
  return { status: "IN_PROGRESS", stage: stageNameOf(result.stage) };
}
