import { assertCovers, releaseScope, tokenPrincipal } from "@/lib/api/v1/token-principal";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { readJson } from "@/lib/http/read-body";
import { acceptPush } from "@/lib/signals/sources/push/accept";
import { ADMITTED, pushQueue } from "@/lib/signals/sources/push/queue";
import { verifyBearer } from "@/lib/tokens/tokens";
import { isUuid } from "@/lib/uuid";

// POST /api/v1/releases/{id}/signals — push ingestion for backfill jobs, CI and scripts: a release's
// push token or a pipeline token with the push scope, a batch of samples. 401 wrong token, 403
// token of another release, 400 bad body naming the field, 413 too big, 503 with Retry-After when
// the writers are behind. Two doors call this: the route file, and the server's push lane
// (lib/http/push-lane.ts), where a push costs no Next.js request machinery.

const MAX_BODY_BYTES = 1024 * 1024;

export async function pushHandler(request: Request, id: string): Promise<Response> {
  try {
    const header = request.headers.get("authorization");
    // The token first (401/403 before anything is read), then the body outside the queue (a client
    // that uploads slowly must not hold a writer's place), then the store. Both steps that need a
    // connection wait their turn in the bounded queue (queue.ts), so a flood of pushes is told 503
    // at once instead of taking the pool from people.
    await pushQueue().run(() => authorize(header, id));
    const body = await readJson(request, MAX_BODY_BYTES);
    const result = await pushQueue().run(() => acceptPush(getDb(), id, body, new Date(), ADMITTED));
    return Response.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

async function authorize(header: string | null, id: string): Promise<void> {
  if (/^Bearer\s+sbc_/i.test(header ?? "")) {
    // A pipeline token with the push scope, for its release or its service's.
    const principal = await tokenPrincipal(header!, "push");
    const scope = isUuid(id) ? await releaseScope(id) : null;
    if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
    assertCovers(principal, scope);
    return;
  }
  const token = await verifyBearer(getDb(), header, "SIGNAL_PUSH");
  if (!token) throw new AppError("UNAUTHENTICATED", "Send a valid push token: Authorization: Bearer sbp_… (or a pipeline token sbc_… with the push scope)");
  if (!isUuid(id) || token.releaseId !== id) throw new AppError("FORBIDDEN", "This token is for another release.");
}
