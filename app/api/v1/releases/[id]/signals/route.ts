import { apiPrincipal, assertCovers, releaseScope } from "@/lib/api/v1/principal";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse, readJson } from "@/lib/route";
import { acceptPush } from "@/lib/signals/sources/push/accept";
import { verifyBearer } from "@/lib/tokens/tokens";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BODY_BYTES = 1024 * 1024;

// Push ingestion for backfill jobs, CI and scripts: a release's push token or a pipeline token with
// the push scope, a batch of samples. 401 wrong token, 403 token of another release, 400 bad body naming the field, 413 too big.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const header = request.headers.get("authorization");
    if (/^Bearer\s+sbc_/i.test(header ?? "")) {
      // A pipeline token with the push scope, for its release or its service's.
      const principal = await apiPrincipal(request, "push");
      const scope = isUuid(id) ? await releaseScope(id) : null;
      if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
      assertCovers(principal, scope);
    } else {
      const token = await verifyBearer(getDb(), header, "SIGNAL_PUSH");
      if (!token) throw new AppError("UNAUTHENTICATED", "Send a valid push token: Authorization: Bearer sbp_… (or a pipeline token sbc_… with the push scope)");
      if (!isUuid(id) || token.releaseId !== id) throw new AppError("FORBIDDEN", "This token is for another release.");
    }
    const result = await acceptPush(getDb(), id, await readJson(request, MAX_BODY_BYTES));
    return Response.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
