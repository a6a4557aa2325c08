import "server-only";
import type { pg } from "@/lib/db/pg";
import { STATEMENTS_NOT_INSTALLED, statementsOwnOnly, statementsUnreadable } from "@/lib/targets/check";
import { withTarget, type TargetRef } from "@/lib/targets/pool";
import { targetProblem } from "@/lib/targets/problem";

// Reads the target's pg_stat_statements for the Contract proof: the calls of every statement of
// this database (not the cluster's other databases), keyed userid:dbid:queryid, and the text of
// the statements asked for. Texts are fetched only for queryids not seen before, since reading
// them makes the server read its whole query-text file. Never throws: why it could not read is
// one sentence.

export interface StatementCalls {
  key: string;
  queryid: string;
  calls: number;
}

export type StatementsRead =
  // ownUser: the oid of the role Switchback reads the target as (its statements' userid).
  | { available: true; statements: StatementCalls[]; texts: Map<string, string | null>; ownUser: string }
  | { available: false; reason: string; unreachable: boolean };

interface Facts {
  user: string;
  user_oid: string;
  schema: string | null;
  all_stats: boolean;
}

// Postgres answers these when the extension is installed but not loaded, or not readable.
const NOT_USABLE = new Set(["42501", "55000", "42883", "42P01"]);

async function readWith(client: pg.PoolClient, wantTexts: (statement: StatementCalls) => boolean): Promise<StatementsRead> {
  const { rows } = await client.query<Facts>(`
    SELECT current_user AS user, (SELECT oid::text FROM pg_roles WHERE rolname = current_user) AS user_oid, pg_has_role('pg_read_all_stats', 'USAGE') AS all_stats,
           (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements') AS schema`);
  const facts = rows[0]!;
  if (facts.schema === null) return { available: false, reason: STATEMENTS_NOT_INSTALLED, unreachable: false };
  if (!facts.all_stats) return { available: false, reason: statementsOwnOnly(facts.user), unreachable: false };
  const fn = `${client.escapeIdentifier(facts.schema)}.pg_stat_statements`;
  const thisDb = "dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";
  let calls: { userid: string; dbid: string; queryid: string; calls: number }[];
  try {
    // Top-level and nested entries of one statement share a key: their calls add up.
    const result = await client.query<{ userid: string; dbid: string; queryid: string; calls: number }>(
      `SELECT userid::text, dbid::text, queryid::text, sum(calls)::float8 AS calls FROM ${fn}(false)
        WHERE ${thisDb} AND queryid IS NOT NULL GROUP BY userid, dbid, queryid`,
    );
    calls = result.rows;
  } catch (error) {
    if (NOT_USABLE.has((error as { code?: string }).code ?? ""))
      return { available: false, reason: statementsUnreadable(error, facts.user), unreachable: false };
    throw error;
  }
  const statements = calls.map((row) => ({ key: `${row.userid}:${row.dbid}:${row.queryid}`, queryid: row.queryid, calls: row.calls }));
  const wanted = [...new Set(statements.filter(wantTexts).map((s) => s.queryid))];
  // null: pg_stat_statements has no text for it (its query-text file was lost or garbage-collected).
  const texts = new Map<string, string | null>();
  if (wanted.length) {
    const result = await client.query<{ queryid: string; query: string | null }>(
      `SELECT DISTINCT ON (queryid) queryid::text, query FROM ${fn}(true) WHERE ${thisDb} AND queryid = ANY($1::bigint[])`,
      [wanted],
    );
    for (const row of result.rows) texts.set(row.queryid, row.query);
  }
  return { available: true, statements, texts, ownUser: facts.user_oid };
}

export async function readStatements(target: TargetRef, wantTexts: (statement: StatementCalls) => boolean = () => false): Promise<StatementsRead> {
  try {
    return await withTarget(target, (client) => readWith(client, wantTexts));
  } catch (error) {
    return { available: false, reason: targetProblem(target, error), unreachable: true };
  }
}
