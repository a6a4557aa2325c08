import { runAction } from "@/lib/action";
import { apiPrincipal, listFilter } from "@/lib/api/v1/principal";
import { parseParams, queryOf } from "@/lib/api/v1/parse";
import { listReleases, newReleaseSummary } from "@/lib/api/v1/release-views";
import { releaseCreateBody, releaseListQuery } from "@/lib/api/v1/schemas";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readJsonLimited } from "@/lib/http/read-body";
import { assertStorableText } from "@/lib/input/storable-text";
import { nextRuntime } from "@/lib/next-runtime";
import { createReleaseByToken, styleOfCopy } from "@/lib/pipelines/create-release";
import { createRelease, type NewRelease } from "@/lib/releases/commands/create-release";
import { errorBodyResponse, errorResponse } from "@/lib/route";

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

// POST /api/v1/releases { title, from?, deployStyle? } — a pipeline with a service-wide token that
// has the deploy scope creates the release of its service, or a person allowed to create plans.
export async function POST(request: Request): Promise<Response> {
  try {
    const principal = await apiPrincipal(request, "deploy");
    const raw = await readJsonLimited(request, 16 * 1024);
    assertStorableText(raw, "body");
    const body = parseParams(releaseCreateBody, raw ?? {});
    if (principal.kind === "token") return created(request, await createReleaseByToken(principal, body));
    // A person has no service of their own for “latest” to mean: they name the release to copy.
    if (body.from === "latest")
      throw new AppError("INVALID", "“latest” copies the newest release of a token's service; name the release to copy instead.", {
        from: ["Use “template” or a release's id"],
      });
    const deployStyle = body.deployStyle ?? (await styleOfCopy(body.from));
    const result = await runAction(createRelease, { title: body.title, from: body.from, deployStyle }, nextRuntime);
    if (!result.ok) return errorBodyResponse(result.error);
    return created(request, result.data);
  } catch (error) {
    return errorResponse(error);
  }
}

// 201 with the new release as the list shows it, and where to read it; built from what the create
// returned, so nothing after the commit can fail and make a pipeline create it again.
function created(request: Request, release: NewRelease): Response {
  return Response.json(newReleaseSummary(release, new URL(request.url).origin), {
    status: 201,
    headers: { Location: `/api/v1/releases/${release.id}`, "Cache-Control": "no-store" },
  });
}
