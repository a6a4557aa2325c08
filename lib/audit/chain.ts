import { createHash, createHmac } from "node:crypto";

// The hash chain of the audit trail: pure, so verification can run anywhere.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ChainedFields {
  actorType: "USER" | "SYSTEM";
  actorId: string | null;
  actorLabel: string;
  at: Date;
  action: string;
  releaseId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  prevHash: string | null;
}

// Plain JSON with Dates as ISO strings and BigInts as strings; what jsonb will hand back later.
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = toJson(inner);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value as JsonValue;
}

// Sorted keys at every depth: jsonb does not keep key order, the hash must not depend on it.
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(",")}}`;
}

// What is hashed for one event: everything but the link to the previous event.
export function eventBody(fields: Omit<ChainedFields, "prevHash">): string {
  return canonicalJson({
    actorType: fields.actorType,
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    at: fields.at.toISOString(),
    action: fields.action,
    releaseId: fields.releaseId,
    before: fields.before,
    after: fields.after,
  });
}

// hash = SHA-256 of the previous hash, "|", and the event body: how events were linked before
// the chain was keyed (anyone who can write the table can recompute it). Kept to verify them.
export function chainHash(prevHash: string | null, body: string): string {
  return createHash("sha256")
    .update(`${prevHash ?? ""}|${body}`, "utf8")
    .digest("hex");
}

export function eventHash(fields: ChainedFields): string {
  return chainHash(fields.prevHash, eventBody(fields));
}

// Events written before the chain was keyed carry "sha256" (plain chainHash above); every later
// one "hmac-sha256:<key id>": the same link, under an HMAC only the app's AUDIT_KEY can compute.
export const LEGACY_HASH_ALG = "sha256";
export const keyedHashAlg = (keyId: string) => `hmac-sha256:${keyId}`;

export function keyedChainHash(chainKey: Buffer, prevHash: string | null, body: string): string {
  return createHmac("sha256", chainKey)
    .update(`${prevHash ?? ""}|${body}`, "utf8")
    .digest("hex");
}
