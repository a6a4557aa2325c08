import { createHash } from "node:crypto";
import { getDb } from "@/lib/db";
import { consumerIdOf, identify } from "@/lib/flags/consumers/identity";
import { recordServed } from "@/lib/flags/consumers/tracker";
import { visibleSet } from "@/lib/flags/ofrep/flag-cache";
import { authenticate, environmentOf, evaluation, sameTag, targetingKeyOf, type OfrepCaller } from "@/lib/flags/ofrep/ofrep";
import { requestOf } from "@/lib/flags/ofrep/request";
import { issueTicket } from "@/lib/flags/ofrep/ticket";
import { env } from "@/lib/env";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-cache", ...headers } });

// How long a provider may keep its stream open in a hidden tab before closing it (ADR-0008).
const INACTIVITY_DELAY_SEC = 120;

const UNAUTHENTICATED = "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key.";

type Prepared = { caller: OfrepCaller; environment: string; body: object } | { failure: Response };

async function prepare(request: Request, key?: string): Promise<Prepared> {
  const caller = await authenticate(getDb(), request.headers);
  const keyed = key === undefined ? {} : { key };
  if (!caller || "refused" in caller)
    return { failure: json({ ...(key === undefined ? { errorCode: "GENERAL" } : {}), errorDetails: caller?.refused ?? UNAUTHENTICATED }, 401) };
  if (key !== undefined && caller.keys !== null && !caller.keys.includes(key))
    return { failure: json({ errorDetails: "This token may read only its release's flag and backfill switch." }, 403) };
  const parsed = await requestOf(request);
  if ("failure" in parsed)
    return { failure: json({ ...keyed, errorCode: parsed.failure.errorCode, errorDetails: parsed.failure.errorDetails }, parsed.failure.status) };
  const environment = environmentOf(parsed.body);
  if (!environment) return { failure: json({ ...keyed, errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400) };
  return { caller, environment, body: parsed.body };
}

export async function evaluateOne(request: Request, key: string): Promise<Response> {
  const prepared = await prepare(request, key);
  if ("failure" in prepared) return prepared.failure;
  const { caller, environment, body } = prepared;
  const [flag] = (await visibleSet(environment, [key])).flags;
  if (!flag) return json({ key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No flag ${key} in ${environment}.` }, 404);
  recordServed([flag], identify(caller.tokenName, consumerIdOf(request.headers, targetingKeyOf(body))), "single");
  return json(evaluation(flag));
}

// The event stream's absolute URL: this server as the request reached it.
// Where consumers reach Switchback: PUBLIC_URL when set (behind a proxy or a load balancer the
// request's own origin is the address this server was bound to, useless to a remote consumer),
// else the origin the request came in on.
const eventsUrl = (request: Request, ticket: string) =>
  `${env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : new URL(request.url).origin}/ofrep/v1/events?ticket=${ticket}`;

// Bulk evaluation with ETag: a poller that already has the current set gets 304 and no body,
// answered from memory. The ETag covers the flags and the stream ticket in the body, so it moves
// when either does.
export async function evaluateAll(request: Request): Promise<Response> {
  const prepared = await prepare(request);
  if ("failure" in prepared) return prepared.failure;
  const { caller, environment, body } = prepared;
  const set = await visibleSet(environment, caller.keys, new URL(request.url).searchParams.get("flagConfigEtag"));
  const consumerId = consumerIdOf(request.headers, targetingKeyOf(body));
  const ticket = issueTicket({ tokenId: caller.tokenId, tokenHash: caller.tokenHash, environment, consumerId });
  const etag = `"${createHash("sha256").update(`${set.etag}\n${ticket}`).digest("base64url").slice(0, 27)}"`;
  recordServed(set.flags, identify(caller.tokenName, consumerId), "bulk");
  const seen = request.headers.get("if-none-match")?.split(",");
  if (seen?.some((tag) => sameTag(tag, etag) || tag.trim() === "*"))
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "no-cache" } });
  const eventStreams = [{ type: "sse", url: eventsUrl(request, ticket), inactivityDelaySec: INACTIVITY_DELAY_SEC }];
  return json({ flags: set.flags.map(evaluation), eventStreams }, 200, { ETag: etag });
}
