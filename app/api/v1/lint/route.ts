import { AppError, fieldErrorsOf } from "@/lib/errors";
import { checkStageSql } from "@/lib/lint/check";
import { lintRequestSchema } from "@/lib/lint/request";
import { readJson, sessionRoute } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The plan page re-checks a stage's SQL as it is typed. A stage SQL text is a few KB; 1 MB leaves
// room for a generated migration while keeping one request from tying up the server.
const MAX_BODY_BYTES = 1024 * 1024;

export const POST = sessionRoute("read", async (request) => {
  const parsed = lintRequestSchema.safeParse(await readJson(request, MAX_BODY_BYTES));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, "body");
    const message = Object.entries(fieldErrors).map(([field, messages]) => `${field} ${messages.join(", ")}`);
    throw new AppError("INVALID", `Check the request: ${message.join("; ")}.`, fieldErrors);
  }
  const result = await checkStageSql(parsed.data.stage, parsed.data.sql);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
