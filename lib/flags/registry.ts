import { getDb, type Db, type Tx } from "@/lib/db";
import type { Sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { builtinProvider } from "@/lib/flags/builtin";
import type { FlagProvider, FlagProviderKind, ProviderHealth } from "@/lib/flags/types";
import { unleashProvider } from "@/lib/flags/unleash";

export const UNLEASH_NOT_CONFIGURED = "Unleash is not configured on this server: set UNLEASH_URL and UNLEASH_API_TOKEN.";

// `db` may be a transaction, so that a built-in flip commits with its audit event.
export function getFlagProvider(kind: FlagProviderKind, db: Db | Tx | Sql = getDb()): FlagProvider | null {
  if (kind === "BUILTIN") return builtinProvider(db);
  if (!env.UNLEASH_URL || !env.UNLEASH_API_TOKEN) return null;
  return unleashProvider({ url: env.UNLEASH_URL, token: env.UNLEASH_API_TOKEN, project: env.UNLEASH_PROJECT, timeoutMs: 3_000 });
}

export async function checkFlagProvider(kind: FlagProviderKind, key: string, environment: string): Promise<ProviderHealth> {
  const provider = getFlagProvider(kind);
  if (!provider) return { ok: false, message: UNLEASH_NOT_CONFIGURED };
  if (!key.trim() || !environment.trim()) return { ok: false, message: "No flag key or environment." };
  return provider.check({ key, environment });
}
