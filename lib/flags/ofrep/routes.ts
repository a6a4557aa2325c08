import { createHash } from "node:crypto";
import { getDb } from "@/lib/db";
import { consumerIdOf, identify } from "@/lib/flags/consumers/identity";
import { recordServed } from "@/lib/flags/consumers/tracker";
import { visibleSet } from "@/lib/flags/ofrep/flag-cache";
import { authenticate, environmentOf, evaluation, sameTag, targetingKeyOf, type OfrepCaller } from "@/lib/flags/ofrep/ofrep";
import { askOf, responseOf, type OfrepAsk, type OfrepAnswer } from "@/lib/flags/ofrep/exchange";
import { requestOf } from "@/lib/flags/ofrep/request";
import { issueTicket } from "@/lib/flags/ofrep/ticket";
import { env } from "@/lib/env";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): OfrepAnswer => ({
  status,
  headers: { "Cache-Control": "no-cache", ...headers },
  body,
});

// How long a provider may keep its stream open in a hidden tab before closing it (ADR-0008).
const INACTIVITY_DELAY_SEC = 120;

const UNAUTHENTICATED = "Send a flag read token: Authorization: Bearer sbr_… or X-API-Key.";

type Prepared = { caller: OfrepCaller; environment: string; body: object } | { failure: OfrepAnswer };

async function prepare(ask: OfrepAsk, key?: string): Promise<Prepared> {
  const caller = await authenticate(getDb(), ask.headers);
  const keyed = key === undefined ? {} : { key };
  if (!caller || "refused" in caller)
    return { failure: json({ ...(key === undefined ? { errorCode: "GENERAL" } : {}), errorDetails: caller?.refused ?? UNAUTHENTICATED }, 401) };
  if (key !== undefined && caller.keys !== null && !caller.keys.includes(key))
    return { failure: json({ errorDetails: "This token may read only its release's flag and backfill switch." }, 403) };
  const parsed = await requestOf(ask);
  if ("failure" in parsed)
    return { failure: json({ ...keyed, errorCode: parsed.failure.errorCode, errorDetails: parsed.failure.errorDetails }, parsed.failure.status) };
  const environment = environmentOf(parsed.body);
  if (!environment) return { failure: json({ ...keyed, errorCode: "INVALID_CONTEXT", errorDetails: "context.environment must be a non-empty string" }, 400) };
  return { caller, environment, body: parsed.body };
}

// One flag, as the single-flag evaluation route answers it (OFREP's server providers call this per evaluation).
export async function answerOne(ask: OfrepAsk, key: string): Promise<OfrepAnswer> {
  const prepared = await prepare(ask, key);
  if ("failure" in prepared) return prepared.failure;
  const { caller, environment, body } = prepared;
  const [flag] = (await visibleSet(environment, [key])).flags;
  if (!flag) return json({ key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No flag ${key} in ${environment}.` }, 404);
  recordServed([flag], identify(caller.tokenName, consumerIdOf(ask.headers, targetingKeyOf(body))), "single");
  return json(evaluation(flag));
}

// The event stream's absolute URL: this server as the request reached it.
// Where consumers reach Switchback: PUBLIC_URL when set (behind a proxy or a load balancer the
// request's own origin is the address this server was bound to, useless to a remote consumer),
// else the origin the request came in on.
const eventsUrl = (url: URL, ticket: string) => `${env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : url.origin}/ofrep/v1/events?ticket=${ticket}`;

// Bulk evaluation with ETag: a poller that already has the current set gets 304 and no body,
// answered from memory. The ETag covers the flags and the stream ticket in the body, so it moves
// when either does.
export async function answerAll(ask: OfrepAsk): Promise<OfrepAnswer> {
  const prepared = await prepare(ask);
  if ("failure" in prepared) return prepared.failure;
  const { caller, environment, body } = prepared;
  const url = new URL(ask.url);
  const set = await visibleSet(environment, caller.keys, url.searchParams.get("flagConfigEtag"));
  const consumerId = consumerIdOf(ask.headers, targetingKeyOf(body));
  const ticket = issueTicket({ tokenId: caller.tokenId, tokenHash: caller.tokenHash, environment, consumerId });
  const etag = `"${createHash("sha256").update(`${set.etag}\n${ticket}`).digest("base64url").slice(0, 27)}"`;
  recordServed(set.flags, identify(caller.tokenName, consumerId), "bulk");
  const seen = ask.headers.get("if-none-match")?.split(",");
  if (seen?.some((tag) => sameTag(tag, etag) || tag.trim() === "*")) return { status: 304, headers: { ETag: etag, "Cache-Control": "no-cache" } };
  const eventStreams = [{ type: "sse", url: eventsUrl(url, ticket), inactivityDelaySec: INACTIVITY_DELAY_SEC }];
  return json({ flags: set.flags.map(evaluation), eventStreams }, 200, { ETag: etag });
}

// The web doors, for Next.js's route files (app/ofrep/v1/evaluate/**): the same answers as Responses.
export const evaluateOne = async (request: Request, key: string): Promise<Response> => responseOf(await answerOne(askOf(request), key));
export const evaluateAll = async (request: Request): Promise<Response> => responseOf(await answerAll(askOf(request)));
