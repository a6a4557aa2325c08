import pg from "pg";

// Statements the Switchback server runs, counted by PostgreSQL itself: pg_stat_statements (the
// embedded cluster preloads it, lib/db/embedded-postgres.ts), every role but the superuser the bench
// connects as, in the app's database. The extension's view lives in the `postgres` database, so the
// app's own database is left as the server made it.

export interface StatementCounts {
  total: number;
  byQuery: Map<string, { query: string; calls: number }>;
}

export interface StatementCounter {
  read(): Promise<StatementCounts>;
  close(): Promise<void>;
}

export async function statementCounter(superuserUrl: string, database = "switchback"): Promise<StatementCounter> {
  const client = new pg.Client({ connectionString: superuserUrl.replace(/\/[^/]*$/, "/postgres") });
  await client.connect();
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  return {
    async read() {
      const { rows } = await client.query<{ key: string; query: string; calls: string }>(
        `SELECT s.userid::text || ':' || s.queryid::text AS key, s.query, s.calls::text AS calls
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid JOIN pg_roles r ON r.oid = s.userid
          WHERE d.datname = $1 AND NOT r.rolsuper`,
        [database],
      );
      const byQuery = new Map(rows.map((row) => [row.key, { query: row.query, calls: Number(row.calls) }]));
      return { total: rows.reduce((sum, row) => sum + Number(row.calls), 0), byQuery };
    },
    close: () => client.end(),
  };
}

// What ran between two readings: the total and every statement that ran, most calls first.
export function statementsBetween(before: StatementCounts, after: StatementCounts) {
  const rows = [...after.byQuery.entries()]
    .map(([key, row]) => ({ query: row.query.replace(/\s+/g, " "), calls: row.calls - (before.byQuery.get(key)?.calls ?? 0) }))
    .filter((row) => row.calls > 0)
    .sort((a, b) => b.calls - a.calls);
  return { total: after.total - before.total, all: rows };
}
