import { runAction } from "@/lib/action";
import { apiPrincipal } from "@/lib/api/v1/principal";
import { parseParams } from "@/lib/api/v1/parse";
import { deployStartBody, releaseIdParam, stageNameOf } from "@/lib/api/v1/schemas";
import { readJsonLimited } from "@/lib/http/read-body";
import { nextRuntime } from "@/lib/next-runtime";
import { startDeployByToken } from "@/lib/pipelines/deploy-start";
import { startDeploy } from "@/lib/releases/commands/deploy";
import { errorBodyResponse, errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST /api/v1/releases/{id}/deploy/start — a pipeline (a token with the deploy scope) starts the
// deploy of a ready release, or a signed-in person does (the cockpit's Start deploy and its rules).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const principal = await apiPrincipal(request, "deploy");
    const { id } = parseParams(releaseIdParam, await params);
    parseParams(deployStartBody, (await readJsonLimited(request, 4 * 1024)) ?? {});
    if (principal.kind === "token") return Response.json(await startDeployByToken(principal, id));
    const result = await runAction(startDeploy, { releaseId: id }, nextRuntime);
    if (!result.ok) return errorBodyResponse(result.error);
    return Response.json({ status: "IN_PROGRESS", stage: stageNameOf(result.data.stage) });
  } catch (error) {
    return errorResponse(error);
  }
}
