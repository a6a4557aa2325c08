import { runAction } from "@/lib/action";
import { apiPrincipal, assertCovers, releaseScope } from "@/lib/api/v1/principal";
import { parseParams } from "@/lib/api/v1/parse";
import { releaseIdParam, stageCompleteBody, stageName, stageNameOf, type StageName } from "@/lib/api/v1/schemas";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/input/zod";
import { nextRuntime } from "@/lib/next-runtime";
import { completeStageByToken, stageIdOf } from "@/lib/pipelines/stage-complete";
import { completeStage } from "@/lib/releases/commands/deploy";
import { readJsonLimited } from "@/lib/http/read-body";
import { errorBodyResponse, errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const pathParams = releaseIdParam.extend({ stage: stageName });

// POST /api/v1/releases/{id}/stages/{stage}/complete — for a pipeline that has applied the stage
// (a token with the deploy scope), or a signed-in person (the button's own action and rules).
export async function POST(request: Request, { params }: { params: Promise<{ id: string; stage: string }> }): Promise<Response> {
  try {
    const principal = await apiPrincipal(request, "deploy");
    const { id, stage } = parseParams(pathParams, await params);
    // The body is optional for a token; a person's request is JSON from the app's own pages.
    parseParams(stageCompleteBody, (await readJsonLimited(request, 4 * 1024)) ?? {});
    const scope = await releaseScope(id);
    if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
    assertCovers(principal, scope);
    if (principal.kind === "token") return Response.json(await completeStageByToken(principal, id, stage));
    return await asPerson(id, stage);
  } catch (error) {
    return errorResponse(error);
  }
}

async function asPerson(releaseId: string, stage: StageName): Promise<Response> {
  const result = await runAction(
    completeStage,
    { releaseId, stageId: await stageIdOf(releaseId, stage) } satisfies z.input<typeof completeStage.input>,
    nextRuntime,
  );
  if (!result.ok) return errorBodyResponse(result.error);
  return Response.json({ stage, next: result.data.next ? stageNameOf(result.data.next as "EXPAND") : null, status: result.data.status });
}
