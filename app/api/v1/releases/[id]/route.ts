import { apiPrincipal, assertCovers, releaseScope } from "@/lib/api/v1/principal";
import { parseParams } from "@/lib/api/v1/parse";
import { releaseDetail } from "@/lib/api/v1/release-views";
import { releaseIdParam } from "@/lib/api/v1/schemas";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/v1/releases/{id}: status, stages with their verification, the recommendation with every
// criterion, the latest decision, the flag as its provider reports it, readiness.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const principal = await apiPrincipal(request, "read");
    const { id } = parseParams(releaseIdParam, await params);
    const scope = await releaseScope(id);
    if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
    assertCovers(principal, scope);
    const detail = await releaseDetail(getDb(), id, new URL(request.url).origin);
    if (!detail) throw new AppError("NOT_FOUND", "That release does not exist.");
    return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
