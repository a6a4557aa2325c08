import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// A session-signing secret made on first start and kept in the data folder (never in the repo).
// Several instances must share one: set AUTH_SECRET for them instead.
export const localAuthSecret = (dataDir: string) => localSecret(dataDir, "auth-secret");

// The audit chain's key (lib/audit/keys.ts reads the same file when AUDIT_KEY is unset). Losing it
// means old events can no longer be verified: back up the data folder, or set AUDIT_KEY yourself.
export const localAuditKey = (dataDir: string) => localSecret(dataDir, "audit-key");

async function localSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
