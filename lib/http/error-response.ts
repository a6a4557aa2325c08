import { HTTP_STATUS, RETRY_AFTER_SECONDS, toErrorBody, type ErrorBody } from "@/lib/errors";

// JSON error answers `{ error: { code, message } }` with their HTTP status, for route files (through
// lib/route.ts) and for the server's fast lanes (lib/http/*-lane.ts), which run outside Next.js.

export function errorResponse(error: unknown): Response {
  return errorBodyResponse(toErrorBody(error));
}

// A 503 (database or provider unavailable) tells clients when to come back instead of hammering.
export function errorBodyResponse(body: ErrorBody): Response {
  const status = HTTP_STATUS[body.code];
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return Response.json({ error: body }, { status, headers });
}
