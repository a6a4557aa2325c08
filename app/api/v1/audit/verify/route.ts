import { runAction } from "@/lib/action";
import { verifyAuditChain } from "@/lib/audit/commands";
import { guardCookieRequest } from "@/lib/http/request-guard";
import { nextRuntime } from "@/lib/next-runtime";
import { errorBodyResponse, errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST as an admin: { ok, count, lastId, checkpoint? } or { ok: false, brokenId, reason }.
export async function POST(request: Request) {
  try {
    guardCookieRequest(request);
  } catch (error) {
    return errorResponse(error);
  }
  const result = await runAction(verifyAuditChain, {}, nextRuntime);
  return result.ok ? Response.json(result.data) : errorBodyResponse(result.error);
}
