import { runAction } from "@/lib/action";
import { verifyAuditChain } from "@/lib/audit/commands";
import { HTTP_STATUS } from "@/lib/errors";
import { nextRuntime } from "@/lib/next-runtime";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST as an admin: { ok, count } or { ok: false, brokenId, reason }.
export async function POST() {
  const result = await runAction(verifyAuditChain, {}, nextRuntime);
  return result.ok ? Response.json(result.data) : Response.json({ error: result.error }, { status: HTTP_STATUS[result.error.code] });
}
