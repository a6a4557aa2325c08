import { getDb, type Db, type Tx } from "@/lib/db";
import type { Sql } from "@/lib/db/sql";
import type { FlagProviderKind as FlagProviderEnum } from "@/lib/generated/prisma/enums";
import { builtin } from "@/lib/flags/providers/builtin/provider";
import type { FlagProvider, FlagProviderKind, FlagProviderPlugin, ProviderHealth } from "@/lib/flags/providers/types";
import { unleash } from "@/lib/flags/providers/unleash/provider";

// Every flag provider, one line each. Keyed by the database enum, so a provider added there and
// not here (or the reverse) does not compile.
const PROVIDERS: Record<FlagProviderEnum, FlagProviderPlugin> = {
  BUILTIN: builtin,
  UNLEASH: unleash,
};

export type ResolvedProvider = { provider: FlagProvider; problem: null } | { provider: null; problem: string };

// The release's provider, or the sentence saying why this server cannot use it. `db` may be a
// transaction, so that a built-in flip commits with its audit event.
export function resolveFlagProvider(kind: FlagProviderKind, db: Db | Tx | Sql = getDb()): ResolvedProvider {
  const plugin = PROVIDERS[kind];
  const problem = plugin.unconfigured();
  return problem ? { provider: null, problem } : { provider: plugin.create(db), problem: null };
}

export function getFlagProvider(kind: FlagProviderKind, db: Db | Tx | Sql = getDb()): FlagProvider | null {
  return resolveFlagProvider(kind, db).provider;
}

export async function checkFlagProvider(kind: FlagProviderKind, key: string, environment: string): Promise<ProviderHealth> {
  const { provider, problem } = resolveFlagProvider(kind);
  if (!provider) return { ok: false, message: problem };
  if (!key.trim() || !environment.trim()) return { ok: false, message: "No flag key or environment." };
  return provider.health({ key, environment });
}
