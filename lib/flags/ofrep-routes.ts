import { getDb } from "@/lib/db";
import { authenticate, environmentOf, etagOf, evaluation, readFlags } from "@/lib/flags/ofrep";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-cache", ...headers } });

async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function evaluateOne(request: Request, key: string): Promise<Response> {
  const db = getDb();
  const caller = await authenticate(db, request.headers);
  if (!caller) return json({ errorDetails: "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key." }, 401);
  if (caller.flagKey !== null && caller.flagKey !== key) return json({ errorDetails: "This token may read only its release's flag." }, 403);
  const environment = environmentOf(await bodyOf(request));
  if (!environment) return json({ key, errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400);
  const [flag] = await readFlags(db, environment, key);
  if (!flag) return json({ key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No flag ${key} in ${environment}.` }, 404);
  return json(evaluation(flag));
}

// Bulk evaluation with ETag: a poller that already has the current set gets 304 and no body.
export async function evaluateAll(request: Request): Promise<Response> {
  const db = getDb();
  const caller = await authenticate(db, request.headers);
  if (!caller) return json({ errorCode: "GENERAL", errorDetails: "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key." }, 401);
  const environment = environmentOf(await bodyOf(request));
  if (!environment) return json({ errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400);
  const flags = await readFlags(db, environment, caller.flagKey);
  const etag = etagOf(flags);
  const seen = request.headers.get("if-none-match")?.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (seen?.includes(etag) || seen?.includes("*")) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "no-cache" } });
  return json({ flags: flags.map(evaluation) }, 200, { ETag: etag });
}
