import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { configuredSecrets } from "@/lib/audit/keys";

// Target connection URLs hold passwords, so they are stored sealed: AES-256-GCM under a key
// derived (HKDF, its own purpose label) from the server secret, AUDIT_KEY. That secret is always
// present (`npm start` generates it), is shared by every instance, and lists retired keys after
// the current one, so a rotation still opens what older keys sealed. AUTH_SECRET is not used:
// rotating it is the routine way to end every session, and must not make targets unreadable.
//
// One versioned string: v1.<key id>.<iv>.<tag>.<ciphertext>, base64url parts, the version and
// key id bound in as associated data so neither can be swapped.

interface SealKey {
  id: string;
  key: Buffer;
}

const VERSION = "v1";
const derive = (secret: string, label: string) => Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), label, 32));

export function deriveSealKey(secret: string): SealKey {
  return {
    id: derive(secret, "switchback target url key id").subarray(0, 8).toString("hex"),
    key: derive(secret, "switchback target url aes-256-gcm"),
  };
}

const cache = globalThis as unknown as { switchbackSealKeys?: SealKey[] };
const serverKeys = (): SealKey[] => (cache.switchbackSealKeys ??= configuredSecrets().map(deriveSealKey));

export class UnsealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsealError";
  }
}

export function seal(plaintext: string, keys: SealKey[] = serverKeys()): string {
  const { id, key } = keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${id}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function unseal(sealed: string, keys: SealKey[] = serverKeys()): string {
  const [version, id, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined || rest.length) throw new UnsealError("not a sealed value this version can open");
  const match = keys.find((k) => k.id === id);
  if (!match) throw new UnsealError("sealed with a key this server does not have (was AUDIT_KEY changed without keeping the old one?)");
  try {
    const decipher = createDecipheriv("aes-256-gcm", match.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new UnsealError("the sealed value was altered");
  }
}
