import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/input/storable-text";
import { verifyBearer } from "@/lib/tokens/tokens";

// OpenFeature Remote Evaluation Protocol (OFREP) for the built-in boolean kill switches. The
// environment comes from the evaluation context (`environment`, default "production"); a read
// token scoped to a release may read only that release's flag.

export const DEFAULT_ENVIRONMENT = "production";

export interface OfrepCaller {
  releaseId: string | null;
  flagKey: string | null;
}

// Accepts the two OFREP schemes: `Authorization: Bearer …` and `X-API-Key: …`. A known but
// expired token is refused with a message that says so.
export async function authenticate(db: Db, headers: Headers): Promise<OfrepCaller | { refused: string } | null> {
  const apiKey = headers.get("x-api-key");
  const token = await verifyBearer(db, apiKey ? `Bearer ${apiKey}` : headers.get("authorization"), "FLAG_READ").catch((error: unknown) => {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return { refused: error.message };
    throw error;
  });
  if (!token || "refused" in token) return token;
  if (!token.releaseId) return { releaseId: null, flagKey: null };
  const release = await db.release.findUnique({ where: { id: token.releaseId }, select: { flagKey: true } });
  return { releaseId: token.releaseId, flagKey: release?.flagKey ?? "" };
}

export function environmentOf(body: unknown): string | null {
  const context = (body as { context?: unknown } | null)?.context;
  if (context === undefined || context === null) return DEFAULT_ENVIRONMENT;
  if (typeof context !== "object" || Array.isArray(context)) return null;
  const environment = (context as { environment?: unknown }).environment;
  if (environment === undefined) return DEFAULT_ENVIRONMENT;
  return typeof environment === "string" && environment.trim() ? environment.trim() : null;
}

// Reason STATIC for both states: OFREP's DISABLED would make SDKs fall back to the default value.
export function evaluation(flag: { key: string; enabled: boolean; version: number; environment: string }) {
  return {
    key: flag.key,
    value: flag.enabled,
    reason: "STATIC",
    variant: flag.enabled ? "on" : "off",
    metadata: { environment: flag.environment, version: flag.version },
  };
}

export async function readFlags(db: Db, environment: string, onlyKey: string | null) {
  // No flag can be named with text PostgreSQL cannot store; asking it would fail the request.
  if (!isStorableText(environment) || (onlyKey !== null && !isStorableText(onlyKey))) return [];
  return db.flag.findMany({
    where: { environment, ...(onlyKey !== null ? { key: onlyKey } : {}) },
    orderBy: { key: "asc" },
    select: { key: true, enabled: true, version: true, environment: true },
  });
}

// Versions only grow, so the list of (key, version) pairs names the state of the set exactly.
export function etagOf(flags: { key: string; version: number }[]): string {
  const digest = createHash("sha256")
    .update(flags.map((f) => `${f.key}:${f.version}`).join("\n"))
    .digest("base64url")
    .slice(0, 27);
  return `"${digest}"`;
}
