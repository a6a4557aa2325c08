import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse, readJson } from "@/lib/route";
import { acceptPush } from "@/lib/signals/sources/push/accept";
import { verifyBearer } from "@/lib/tokens/tokens";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BODY_BYTES = 1024 * 1024;

// Push ingestion for backfill jobs, CI and scripts: a release-scoped bearer token, a batch of
// samples. 401 wrong token, 403 token of another release, 400 bad body naming the field, 413 too big.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const token = await verifyBearer(getDb(), request.headers.get("authorization"), "SIGNAL_PUSH");
    if (!token) throw new AppError("UNAUTHENTICATED", "Send a valid push token: Authorization: Bearer sbp_…");
    if (!isUuid(id) || token.releaseId !== id) throw new AppError("FORBIDDEN", "This token is for another release.");
    const result = await acceptPush(getDb(), id, await readJson(request, MAX_BODY_BYTES));
    return Response.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
