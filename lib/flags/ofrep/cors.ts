// Applications evaluate flags from pages on their own origins, so every OFREP route answers any
// origin. That is safe because OFREP is authorised by bearer tokens (or a stream ticket) only:
// no cookie is ever read here, and credentials are not allowed (no Allow-Credentials).

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag",
};

const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, X-API-Key, Content-Type, If-None-Match, Last-Event-ID, X-Switchback-Consumer",
  "Access-Control-Max-Age": "600",
};

export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

export function preflight(): Response {
  return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
}
