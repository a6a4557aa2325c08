import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format/time";
import { isTokenScope, normalizeScopes, type TokenScope } from "@/lib/tokens/scopes";
import { cachedToken } from "@/lib/tokens/token-cache";

// API tokens: high-entropy secrets shown once, stored as SHA-256 (a slow password hash adds nothing
// for 256 random bits and would slow every push).

export type TokenKind = "SIGNAL_PUSH" | "FLAG_READ" | "PIPELINE";

const PREFIX: Record<TokenKind, string> = { SIGNAL_PUSH: "sbp", FLAG_READ: "sbr", PIPELINE: "sbc" };

export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function newTokenSecret(kind: TokenKind): string {
  return `${PREFIX[kind]}_${randomBytes(32).toString("base64url")}`;
}

// How long a token may live, chosen at creation: a leaked token stops working by itself.
export const TOKEN_TERMS_DAYS = [7, 30, 90, 365] as const;
export const DEFAULT_TOKEN_TERM_DAYS = 90;

export interface TokenInput {
  kind: TokenKind;
  name: string;
  releaseId: string | null;
  createdById: string;
  expiresInDays?: number;
  // A pipeline token's scopes, and the service it covers when it names no release.
  scopes?: TokenScope[];
  service?: string | null;
}

export async function storeToken(tx: Tx, input: TokenInput) {
  const { expiresInDays = DEFAULT_TOKEN_TERM_DAYS, scopes = [], service = null, ...fields } = input;
  const secret = newTokenSecret(input.kind);
  const token = await tx.apiToken.create({
    data: {
      ...fields,
      scopes: input.kind === "PIPELINE" ? normalizeScopes(scopes) : [],
      service: input.kind === "PIPELINE" && !input.releaseId ? service : null,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, 10),
      expiresAt: new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000),
    },
    select: { id: true, prefix: true, name: true, kind: true, releaseId: true, expiresAt: true, scopes: true, service: true },
  });
  return { token, secret };
}

export interface VerifiedToken {
  id: string;
  name: string;
  releaseId: string | null;
  // The release's flag key for a release-scoped token ("" when it names none), else null.
  flagKey: string | null;
  // The stored SHA-256 of the secret: the key that signs this token's event-stream tickets.
  tokenHash: string;
  // A pipeline token's scopes and service (empty and null for the other kinds).
  scopes: TokenScope[];
  service: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  kind: TokenKind;
  releaseId: string | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  expiresAt: Date;
  scopes: string[];
  service: string | null;
  flagKey: string | null;
}

// The bearer token of a request, if it is a live token of this kind. An expired one is refused
// with a 401 that says so (the caller's job then needs a new token, not a retry).
export async function verifyBearer(db: Db, header: string | null, kind: TokenKind): Promise<VerifiedToken | null> {
  const secret = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!secret || !secret.startsWith(`${PREFIX[kind]}_`)) return null;
  const tokenHash = hashToken(secret);
  // One statement (a push pays for it on every request): the token and its release's flag key.
  const load = async () =>
    (
      await db.$queryRaw<TokenRow[]>`
        SELECT t.id, t.name, t.kind::text AS kind, t.release_id AS "releaseId", t.revoked_at AS "revokedAt",
               t.last_used_at AS "lastUsedAt", t.expires_at AS "expiresAt", t.scopes, t.service, r.flag_key AS "flagKey"
        FROM api_tokens t LEFT JOIN releases r ON r.id = t.release_id
        WHERE t.token_hash = ${tokenHash}`
    )[0] ?? null;
  // Flag reads are the hot path (every provider, every poll): served from memory for up to
  // TOKEN_CACHE_MS (token-cache.ts), so a revocation takes that long to bite. A push writes anyway.
  const token = kind === "FLAG_READ" ? await cachedToken(tokenHash, load) : await load();
  if (!token || token.kind !== kind || token.revokedAt) return null;
  if (token.expiresAt <= new Date()) {
    throw new AppError("UNAUTHENTICATED", `This token expired on ${formatDate(token.expiresAt)}; an admin can create a new one under Settings → API tokens.`);
  }
  // Last use is for the admin's list; once a minute is precise enough and keeps pushes write-light.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    token.lastUsedAt = new Date();
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: token.lastUsedAt } });
  }
  return {
    ...{ id: token.id, name: token.name, releaseId: token.releaseId, flagKey: token.releaseId ? (token.flagKey ?? "") : null, tokenHash },
    scopes: normalizeScopes(token.scopes.filter(isTokenScope)),
    service: token.service,
  };
}
