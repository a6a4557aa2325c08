import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { PlainError } from "@/lib/plain-error";

// AUDIT_KEY lives only with the app, never in the database: the chain's HMAC is computed here and
// the checkpoints are signed here, so a PostgreSQL superuser who rewrites rows cannot recompute
// either. Two keys are derived from it (HKDF, one label each): the HMAC key of the chain and the
// seed of an Ed25519 signing key whose public half anyone may hold to check checkpoints.

export interface AuditKey {
  // Fingerprint of the public key: stored with every keyed event and checkpoint, so a retired
  // key is found again and a verifier can tell which public key to use.
  id: string;
  chainKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
}

// The fixed DER header of a PKCS#8 Ed25519 private key (RFC 8410), followed by the 32-byte seed:
// node:crypto imports a raw seed only this way.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function deriveAuditKey(secret: string): AuditKey {
  const part = (label: string) => Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), label, 32));
  const signingKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, part("switchback audit checkpoint ed25519")]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = createPublicKey(signingKey);
  const id = createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("hex")
    .slice(0, 16);
  return { id, chainKey: part("switchback audit chain hmac"), signingKey, publicKey };
}

export const AUDIT_KEY_FILE = "audit-key";

// AUDIT_KEY from the environment, else the one `npm start` generated into the data folder (so
// scripts such as `npm run user` sign with the same key as the server). Also the root of other
// keys the server derives with their own HKDF label (lib/targets/seal.ts).
export function configuredSecrets(): string[] {
  if (env.AUDIT_KEY.length) return env.AUDIT_KEY;
  const file = path.resolve(env.SWITCHBACK_DATA_DIR, AUDIT_KEY_FILE);
  if (existsSync(file))
    return readFileSync(file, "utf8")
      .split(/[\s,]+/)
      .filter(Boolean);
  throw new PlainError("AUDIT_KEY is not set: set it (the same value on every instance) or start Switchback with `npm start`, which generates one.");
}

const cache = globalThis as unknown as { switchbackAuditKeys?: AuditKey[] };

function auditKeys(): AuditKey[] {
  cache.switchbackAuditKeys ??= configuredSecrets().map(deriveAuditKey);
  return cache.switchbackAuditKeys;
}

/** The key new events and checkpoints are made with. */
export const currentAuditKey = (): AuditKey => auditKeys()[0]!;

/** Current and retired keys by id, for verification. */
export const auditKeyById = (id: string): AuditKey | undefined => auditKeys().find((key) => key.id === id);

/** The public key in one line (base64 SPKI DER), for people who check checkpoints elsewhere. */
export const publicKeyText = (key: AuditKey): string => key.publicKey.export({ format: "der", type: "spki" }).toString("base64");
