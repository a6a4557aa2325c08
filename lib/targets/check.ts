import { targetClient, type pg } from "@/lib/db/pg";
import { problemSentence } from "@/lib/targets/problem";
import { urlParts } from "@/lib/targets/url";

// "Test connection": one short-lived read-only session to the target (lib/db/pg.ts sets its
// timeouts), answering with the server version and whether pg_stat_statements can serve the
// Contract proof, or one sentence why the target did not answer. It never throws: a target that
// cannot be reached is an answer, not an error.

export type TargetCheck = { ok: true; serverVersion: string; statementsAvailable: boolean; message: string } | { ok: false; message: string };

interface Facts {
  version: string;
  user: string;
  schema: string | null;
  all_stats: boolean;
}

// The proof must see every role's statements, so "available" means installed in this database,
// loaded (shared_preload_libraries), readable, and readable for all roles (pg_read_all_stats).
// The sentences are shared with the Contract proof (lib/proofs/baseline.ts), which says the same.
export const STATEMENTS_NOT_INSTALLED =
  "pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements; it must also be in shared_preload_libraries).";

/** Why pg_stat_statements could not be read, from the error its query raised. */
export function statementsUnreadable(error: unknown, user: string): string {
  const code = (error as { code?: string }).code;
  if (code === "42501") return `pg_stat_statements is installed but user "${user}" may not read it (GRANT pg_read_all_stats TO ${user}).`;
  return "pg_stat_statements is installed but not loaded: add it to shared_preload_libraries and restart the server.";
}

export const statementsOwnOnly = (user: string) =>
  `pg_stat_statements is installed, but user "${user}" sees only its own statements (GRANT pg_read_all_stats TO ${user}).`;

async function statements(client: pg.Client, facts: Facts, user: string): Promise<{ available: boolean; sentence: string }> {
  if (facts.schema === null) return { available: false, sentence: STATEMENTS_NOT_INSTALLED };
  try {
    await client.query(`SELECT 1 FROM ${client.escapeIdentifier(facts.schema)}.pg_stat_statements LIMIT 1`);
  } catch (error) {
    return { available: false, sentence: statementsUnreadable(error, user) };
  }
  if (!facts.all_stats) return { available: false, sentence: statementsOwnOnly(user) };
  return { available: true, sentence: "pg_stat_statements is available." };
}

export async function checkTarget(url: string): Promise<TargetCheck> {
  const parts = urlParts(url);
  if (!parts) return { ok: false, message: "The stored connection URL is not a postgres:// URL." };
  const client = targetClient(url);
  // A session the server drops after the check must not crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<Facts>(`
      SELECT current_setting('server_version') AS version, current_user AS user,
             (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements') AS schema,
             pg_has_role('pg_read_all_stats', 'USAGE') AS all_stats`);
    const facts = rows[0]!;
    const { available, sentence } = await statements(client, facts, facts.user);
    // "17.2 (Debian 17.2-1.pgdg120+1)" says more than the admin needs; the number is what matters.
    const serverVersion = facts.version.split(" ")[0]!;
    return { ok: true, serverVersion, statementsAvailable: available, message: `Connected: PostgreSQL ${serverVersion}. ${sentence}` };
  } catch (error) {
    return { ok: false, message: problemSentence(error, parts) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
