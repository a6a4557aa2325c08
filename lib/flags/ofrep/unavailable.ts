import { HTTP_STATUS, RETRY_AFTER_SECONDS, toErrorBody } from "@/lib/errors";
import { CORS_HEADERS, withCors } from "@/lib/flags/ofrep/cors";
import { responseOf, type OfrepAnswer } from "@/lib/flags/ofrep/exchange";

// OFREP answers failures in its own vocabulary ({ errorCode, errorDetails }), not ours. With the
// database away, a 503 and Retry-After tell an OpenFeature SDK to keep the value it has and poll
// again later, which is what a kill-switch consumer should do; a 500 would look like a bug.
// Every answer carries the CORS headers, so a page on another origin can read even a refusal.

function failureOf(error: unknown): OfrepAnswer {
  const body = toErrorBody(error);
  const status = HTTP_STATUS[body.code];
  const headers: Record<string, string> = { "Cache-Control": "no-cache", ...CORS_HEADERS };
  if (status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return { status, headers, body: { errorCode: "GENERAL", errorDetails: body.message } };
}

export async function ofrepGuarded(handler: () => Promise<Response>): Promise<Response> {
  try {
    return withCors(await handler());
  } catch (error) {
    return responseOf(failureOf(error));
  }
}

// The same, for an evaluation answered as data (lib/flags/ofrep/exchange.ts).
export async function ofrepAnswerGuarded(handler: () => Promise<OfrepAnswer>): Promise<OfrepAnswer> {
  try {
    const answer = await handler();
    return { ...answer, headers: { ...answer.headers, ...CORS_HEADERS } };
  } catch (error) {
    return failureOf(error);
  }
}
