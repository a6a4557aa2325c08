import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { backfillKey } from "@/lib/flags/backfill/switch";
import { isStorableText } from "@/lib/input/storable-text";
import { verifyBearer } from "@/lib/tokens/tokens";

// OpenFeature Remote Evaluation Protocol (OFREP) for the built-in boolean kill switches. The
// environment comes from the evaluation context (`environment`, default "production"); a read
// token scoped to a release may read only that release's flag and its backfill switch.

export const DEFAULT_ENVIRONMENT = "production";

export interface OfrepCaller {
  tokenId: string;
  tokenName: string;
  tokenHash: string;
  releaseId: string | null;
  // The flag keys this token may read; null: every flag.
  keys: string[] | null;
}

export interface FlagState {
  key: string;
  enabled: boolean;
  version: number;
  environment: string;
}

// A release token sees its release's kill switch and backfill switch; one whose release names no
// flag (yet) sees nothing.
export const visibleKeys = (releaseId: string | null, flagKey: string | null): string[] | null =>
  releaseId === null ? null : flagKey ? [flagKey, backfillKey(flagKey)] : [];

// Accepts the two OFREP schemes: `Authorization: Bearer …` and `X-API-Key: …`. A known but
// expired token is refused with a message that says so.
export async function authenticate(db: Db, headers: Pick<Headers, "get">): Promise<OfrepCaller | { refused: string } | null> {
  const apiKey = headers.get("x-api-key");
  const token = await verifyBearer(db, apiKey ? `Bearer ${apiKey}` : headers.get("authorization"), "FLAG_READ").catch((error: unknown) => {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return { refused: error.message };
    throw error;
  });
  if (!token || "refused" in token) return token;
  return {
    tokenId: token.id,
    tokenName: token.name,
    tokenHash: token.tokenHash,
    releaseId: token.releaseId,
    keys: visibleKeys(token.releaseId, token.flagKey),
  };
}

const contextOf = (body: unknown): unknown => (body as { context?: unknown } | null)?.context;

export function environmentOf(body: unknown): string | null {
  const context = contextOf(body);
  if (context === undefined || context === null) return DEFAULT_ENVIRONMENT;
  if (typeof context !== "object" || Array.isArray(context)) return null;
  const environment = (context as { environment?: unknown }).environment;
  if (environment === undefined) return DEFAULT_ENVIRONMENT;
  return typeof environment === "string" && environment.trim() ? environment.trim() : null;
}

export function targetingKeyOf(body: unknown): unknown {
  const context = contextOf(body);
  return context && typeof context === "object" ? (context as { targetingKey?: unknown }).targetingKey : undefined;
}

// Reason STATIC for both states: OFREP's DISABLED would make SDKs fall back to the default value.
export function evaluation(flag: FlagState) {
  return {
    key: flag.key,
    value: flag.enabled,
    reason: "STATIC",
    variant: flag.enabled ? "on" : "off",
    metadata: { environment: flag.environment, version: flag.version },
  };
}

export async function readFlags(db: Db, environment: string, keys: string[] | null): Promise<FlagState[]> {
  // No flag can be named with text PostgreSQL cannot store; asking it would fail the request.
  if (!isStorableText(environment) || (keys !== null && !keys.every(isStorableText))) return [];
  if (keys !== null && keys.length === 0) return [];
  return db.flag.findMany({
    where: { environment, ...(keys !== null ? { key: { in: keys } } : {}) },
    orderBy: { key: "asc" },
    select: { key: true, enabled: true, version: true, environment: true },
  });
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

// Versions only grow, so the list of (key, version) pairs names the state of the set exactly.
// Sorted here, not by the database's collation, so memory and database agree on the tag.
export function etagOf(flags: { key: string; version: number }[]): string {
  const digest = createHash("sha256")
    .update(
      [...flags]
        .sort(byKey)
        .map((f) => `${f.key}:${f.version}`)
        .join("\n"),
    )
    .digest("base64url")
    .slice(0, 27);
  return `"${digest}"`;
}

// Tags compared as HTTP does for If-None-Match (weak or strong, quoted or not).
export const sameTag = (a: string, b: string) => a.trim().replace(/^W\//, "").replaceAll('"', "") === b.trim().replace(/^W\//, "").replaceAll('"', "");
