import { apiPrincipal, listFilter } from "@/lib/api/v1/principal";
import { parseParams, queryOf } from "@/lib/api/v1/parse";
import { listReleases } from "@/lib/api/v1/release-views";
import { releaseListQuery } from "@/lib/api/v1/schemas";
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/v1/releases?status=&service=&limit= — newest first; a token sees only what it covers.
export async function GET(request: Request): Promise<Response> {
  try {
    const principal = await apiPrincipal(request, "read");
    const query = parseParams(releaseListQuery, queryOf(request));
    const covered = listFilter(principal);
    const releases = covered ? await listReleases(getDb(), { ...query, ...covered }, new URL(request.url).origin) : [];
    return Response.json({ releases }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
