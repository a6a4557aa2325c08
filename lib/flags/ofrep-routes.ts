import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authenticate, environmentOf, etagOf, evaluation, readFlags } from "@/lib/flags/ofrep";
import { readJsonLimited } from "@/lib/http/read-body";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-cache", ...headers } });

// An evaluation request is a small JSON object; 64 KB is far above any real context.
const MAX_BODY_BYTES = 64 * 1024;

type Failure = { status: number; errorCode: "PARSE_ERROR" | "INVALID_CONTEXT" | "GENERAL"; errorDetails: string };

// The request's evaluation context, or the failure in OFREP's own error vocabulary. An empty body
// is an empty request (default environment); malformed JSON is never read as one.
async function requestOf(request: Request): Promise<{ body: object } | { failure: Failure }> {
  let body: unknown;
  try {
    const read = await readJsonLimited(request, MAX_BODY_BYTES);
    body = read === undefined ? {} : read;
  } catch (error) {
    if (error instanceof AppError && error.code === "TOO_LARGE")
      return { failure: { status: 413, errorCode: "GENERAL", errorDetails: "The request body is larger than 64 KB." } };
    return { failure: { status: 400, errorCode: "PARSE_ERROR", errorDetails: "The request body is not valid JSON." } };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      failure: {
        status: 400,
        errorCode: "INVALID_CONTEXT",
        errorDetails: 'The request body must be a JSON object such as {"context": {"environment": "production"}}.',
      },
    };
  }
  return { body };
}

export async function evaluateOne(request: Request, key: string): Promise<Response> {
  const db = getDb();
  const caller = await authenticate(db, request.headers);
  if (!caller || "refused" in caller)
    return json({ errorDetails: caller?.refused ?? "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key." }, 401);
  if (caller.flagKey !== null && caller.flagKey !== key) return json({ errorDetails: "This token may read only its release's flag." }, 403);
  const parsed = await requestOf(request);
  if ("failure" in parsed) return json({ key, errorCode: parsed.failure.errorCode, errorDetails: parsed.failure.errorDetails }, parsed.failure.status);
  const environment = environmentOf(parsed.body);
  if (!environment) return json({ key, errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400);
  const [flag] = await readFlags(db, environment, key);
  if (!flag) return json({ key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No flag ${key} in ${environment}.` }, 404);
  return json(evaluation(flag));
}

// Bulk evaluation with ETag: a poller that already has the current set gets 304 and no body.
export async function evaluateAll(request: Request): Promise<Response> {
  const db = getDb();
  const caller = await authenticate(db, request.headers);
  if (!caller || "refused" in caller)
    return json({ errorCode: "GENERAL", errorDetails: caller?.refused ?? "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key." }, 401);
  const parsed = await requestOf(request);
  if ("failure" in parsed) return json({ errorCode: parsed.failure.errorCode, errorDetails: parsed.failure.errorDetails }, parsed.failure.status);
  const environment = environmentOf(parsed.body);
  if (!environment) return json({ errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400);
  const flags = await readFlags(db, environment, caller.flagKey);
  const etag = etagOf(flags);
  const seen = request.headers
    .get("if-none-match")
    ?.split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""));
  if (seen?.includes(etag) || seen?.includes("*")) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "no-cache" } });
  return json({ flags: flags.map(evaluation) }, 200, { ETag: etag });
}
