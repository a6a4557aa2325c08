import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import { FLAG_PROVIDER_LABEL } from "@/lib/flags/providers/catalog";
import type { FlagProvider, FlagProviderPlugin, FlagRef, FlagState } from "@/lib/flags/providers/types";

// Flags kept in Switchback's own PostgreSQL, served to applications over OFREP. Given the flip's
// transaction, a flip and its audit event commit together.

interface Row {
  enabled: boolean;
  updated_at: Date;
  changed_by: string | null;
  version: number;
}

const toState = (row: Row): FlagState => ({
  enabled: row.enabled,
  changedAt: new Date(row.updated_at),
  changedBy: row.changed_by,
  readAt: new Date(),
  version: row.version,
});

export function builtinProvider(db: Db | Tx | Sql): FlagProvider {
  const sql = asSql(db);
  async function read({ key, environment }: FlagRef): Promise<FlagState | null> {
    const [row] = await sql.query<Row>(
      `SELECT f.enabled, f.updated_at, f.version, u.name AS changed_by FROM flags f LEFT JOIN users u ON u.id = f.updated_by_id
        WHERE f.key = $1 AND f.environment = $2`,
      [key, environment],
    );
    return row ? toState(row) : null;
  }
  return {
    kind: "BUILTIN",
    label: FLAG_PROVIDER_LABEL.BUILTIN,
    describe: (flag) => `${flag.key} in ${flag.environment} (${FLAG_PROVIDER_LABEL.BUILTIN})`,
    read,
    async health(flag) {
      const state = await read(flag);
      return state
        ? { ok: true, message: `The built-in flag ${flag.key} in ${flag.environment} answers: ${state.enabled ? "on" : "off"}.` }
        : { ok: false, message: `The built-in provider has no flag ${flag.key} in ${flag.environment}; save the flag settings to create it.` };
    },
    async set(flag, expected, next, actor) {
      // Compare-and-set in one statement: of twenty simultaneous flips from the same state, the
      // row lock lets exactly one find the flag as it expected.
      const [changed] = await sql.query<Row>(
        `UPDATE flags SET enabled = $3, version = version + 1, updated_by_id = $5::uuid, updated_at = now()
          WHERE key = $1 AND environment = $2 AND enabled = $4
          RETURNING enabled, updated_at, version, $6::text AS changed_by`,
        [flag.key, flag.environment, next, expected, actor.id, actor.label],
      );
      if (changed) return { kind: "applied", state: toState(changed) };
      const state = await read(flag);
      return state ? { kind: "conflict", state } : { kind: "missing" };
    },
  };
}

// Always there: the flags live in Switchback's own database.
export const builtin: FlagProviderPlugin = { kind: "BUILTIN", unconfigured: () => null, create: builtinProvider };
