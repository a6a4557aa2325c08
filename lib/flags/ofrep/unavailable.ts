import { HTTP_STATUS, RETRY_AFTER_SECONDS, toErrorBody } from "@/lib/errors";
import { withCors } from "@/lib/flags/ofrep/cors";

// OFREP answers failures in its own vocabulary ({ errorCode, errorDetails }), not ours. With the
// database away, a 503 and Retry-After tell an OpenFeature SDK to keep the value it has and poll
// again later, which is what a kill-switch consumer should do; a 500 would look like a bug.
// Every answer carries the CORS headers, so a page on another origin can read even a refusal.
export async function ofrepGuarded(handler: () => Promise<Response>): Promise<Response> {
  try {
    return withCors(await handler());
  } catch (error) {
    const body = toErrorBody(error);
    const status = HTTP_STATUS[body.code];
    const headers: Record<string, string> = { "Cache-Control": "no-cache" };
    if (status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
    return withCors(Response.json({ errorCode: "GENERAL", errorDetails: body.message }, { status, headers }));
  }
}
