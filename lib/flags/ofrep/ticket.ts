import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { visibleKeys } from "@/lib/flags/ofrep/ofrep";
import { isUuid } from "@/lib/uuid";

// A browser's EventSource cannot send an Authorization header, so the event stream's URL carries
// a ticket: token, environment, consumer id and expiry, signed with HMAC-SHA256 under the token's
// stored hash. No shared secret is needed across instances, and a revoked token's tickets die
// with it (checked on connect).
//
// Expiry falls on an hour boundary 6 to 7 hours ahead, so the ticket (and the bulk response's
// ETag, which covers it) stays the same for an hour and a poller keeps getting 304. An open stream
// outlives its ticket (streams.ts checks the token instead). Long, because a browser's EventSource
// reconnects with the URL it has: after a deploy or a proxy's idle timeout a reconnect must still
// be let in, and a provider set to poll as well would otherwise give up its stream for polling.
// A reconnect with an expired ticket gets 401; the provider fetches the bulk evaluation again and,
// the ETag having moved, gets a 200 with a fresh ticket.

const BUCKET_MS = 60 * 60_000;

export interface TicketFields {
  tokenId: string;
  environment: string;
  consumerId: string | null;
}

export interface StreamGrant extends TicketFields {
  tokenName: string;
  keys: string[] | null;
  expiresAt: number;
}

const sign = (key: string, body: string) => createHmac("sha256", key).update(body).digest("base64url");

export function issueTicket(fields: TicketFields & { tokenHash: string }, now = Date.now()): string {
  const expiresAt = (Math.floor(now / BUCKET_MS) + 7) * BUCKET_MS;
  const body = Buffer.from(JSON.stringify([fields.tokenId, fields.environment, fields.consumerId, expiresAt])).toString("base64url");
  return `${body}.${sign(fields.tokenHash, body)}`;
}

function parse(ticket: string): { body: string; signature: string; fields: TicketFields; expiresAt: number } | null {
  const [body, signature, extra] = ticket.split(".");
  if (!body || !signature || extra !== undefined) return null;
  try {
    const [tokenId, environment, consumerId, expiresAt] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof tokenId !== "string" || !isUuid(tokenId) || typeof environment !== "string" || typeof expiresAt !== "number") return null;
    if (consumerId !== null && typeof consumerId !== "string") return null;
    return { body, signature, fields: { tokenId, environment, consumerId }, expiresAt };
  } catch {
    return null;
  }
}

// The stream a ticket opens, or the sentence that says why not (answered 401).
export async function redeemTicket(db: Db, ticket: string | null, now = Date.now()): Promise<StreamGrant | { refused: string }> {
  const parsed = ticket ? parse(ticket) : null;
  if (!parsed) return { refused: "Open the event stream with the URL from a bulk evaluation's eventStreams." };
  if (parsed.expiresAt <= now) return { refused: "This event stream ticket expired; evaluate the flags again for a new one." };
  const token = await db.apiToken.findUnique({
    where: { id: parsed.fields.tokenId },
    select: { name: true, kind: true, tokenHash: true, revokedAt: true, expiresAt: true, releaseId: true, release: { select: { flagKey: true } } },
  });
  const expected = token ? Buffer.from(sign(token.tokenHash, parsed.body)) : null;
  const given = Buffer.from(parsed.signature);
  if (!token || !expected || expected.length !== given.length || !timingSafeEqual(expected, given))
    return { refused: "This event stream ticket is not valid." };
  if (token.kind !== "FLAG_READ" || token.revokedAt || token.expiresAt.getTime() <= now)
    return { refused: "The token behind this event stream is no longer valid." };
  return { ...parsed.fields, tokenName: token.name, keys: visibleKeys(token.releaseId, token.release?.flagKey ?? null), expiresAt: parsed.expiresAt };
}
