import { HTTP_STATUS, RETRY_AFTER_SECONDS, toErrorBody, type ErrorBody } from "@/lib/errors";
import { currentRequestId } from "@/lib/http/request-id";
// Loaded for what it installs: toErrorBody logs unexpected errors through it, with the request id.
import "@/lib/log";

// JSON error answers `{ error: { code, message, requestId } }` with their HTTP status, for route files
// (through lib/route.ts) and for the server's fast lanes (lib/http/*-lane.ts), which run outside Next.js.

export function errorResponse(error: unknown): Response {
  return errorBodyResponse(toErrorBody(error));
}

// A 503 (database or provider unavailable) tells clients when to come back instead of hammering.
// The request id is the same one the response's X-Request-Id header and the log carry.
export function errorBodyResponse(body: ErrorBody): Response {
  const status = HTTP_STATUS[body.code];
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  const requestId = body.requestId ?? currentRequestId();
  return Response.json({ error: requestId ? { ...body, requestId } : body }, { status, headers });
}
