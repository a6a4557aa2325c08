import type { pg } from "@/lib/db/pg";
import { splitStatements, SqlSyntaxError } from "@/lib/lint/parse-sql";
import { sqlstateName } from "@/lib/signals/sources/database/sqlstate";

// A SQL signal: a query of the team's own on the target that returns one number. It is read by the
// real PostgreSQL parser and refused unless it is exactly one plain SELECT; it then runs in a
// read-only transaction that is rolled back, which undoes a function's change to a session setting,
// and then every session-level advisory lock is released (those survive a ROLLBACK), so a query
// leaves nothing behind on the shared session.

const STATEMENT_WORD: Record<string, string> = {
  InsertStmt: "an INSERT",
  UpdateStmt: "an UPDATE",
  DeleteStmt: "a DELETE",
  MergeStmt: "a MERGE",
  CreateStmt: "a CREATE TABLE",
  CreateTableAsStmt: "a CREATE TABLE AS",
  ExplainStmt: "an EXPLAIN",
  VariableSetStmt: "a SET",
  VariableShowStmt: "a SHOW",
  CallStmt: "a CALL",
  DoStmt: "a DO block",
  CopyStmt: "a COPY",
  TransactionStmt: "a transaction command",
};
const WRITES: Record<string, string> = { InsertStmt: "INSERT", UpdateStmt: "UPDATE", DeleteStmt: "DELETE", MergeStmt: "MERGE" };

// What in the tree makes a SELECT more than a read: a data-modifying statement (a WITH clause's
// DELETE), row locks (FOR UPDATE / FOR SHARE, in a subquery too) or INTO (which creates a table).
function writeIn(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = writeIn(item);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== "object") return null;
  for (const [key, value] of Object.entries(node)) {
    if (key in WRITES) return `Its WITH clause runs a ${WRITES[key]}; a SQL signal may only read.`;
    if (key === "lockingClause" && Array.isArray(value) && value.length) return "FOR UPDATE and FOR SHARE take row locks; a SQL signal may only read.";
    if (key === "intoClause" && value) return "SELECT … INTO creates a table; a SQL signal may only read.";
    const found = writeIn(value);
    if (found) return found;
  }
  return null;
}

/** Why `sql` cannot be a SQL signal, in one sentence, or null when it is one plain SELECT. */
export function sqlSignalProblem(sql: string): string | null {
  let statements;
  try {
    statements = splitStatements(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return `The query does not parse at line ${error.line}, column ${error.column}: ${error.reason}.`;
    // Whatever else the parser cannot read is refused too, never run.
    return "The query could not be read by the PostgreSQL parser; simplify it.";
  }
  if (statements.length === 0) return "Write one SELECT that returns a number.";
  if (statements.length > 1) return `A SQL signal is one SELECT statement; this has ${statements.length} statements.`;
  const [kind] = Object.keys(statements[0]!.node);
  if (kind !== "SelectStmt") return `A SQL signal must be a SELECT; this is ${STATEMENT_WORD[kind ?? ""] ?? "another kind of statement"}.`;
  return writeIn(statements[0]!.node);
}

export type SqlReading = { kind: "value"; value: number } | { kind: "problem"; message: string };

// Types whose values are numbers: int2, int4, int8, float4, float8, numeric, oid.
const NUMERIC_TYPES = new Set([21, 23, 20, 700, 701, 1700, 26]);

function numberOf(result: pg.QueryResult<unknown[]>): SqlReading {
  const rows = result.rows.length;
  if (rows !== 1) return { kind: "problem", message: `The query returned ${rows} row${rows === 1 ? "" : "s"}; it must return exactly one number.` };
  const columns = result.fields.length;
  if (columns !== 1) return { kind: "problem", message: `The query returned ${columns} columns; it must return exactly one number.` };
  if (!NUMERIC_TYPES.has(result.fields[0]!.dataTypeID))
    return { kind: "problem", message: "The query returned something other than a number; cast it, e.g. count(*)::int." };
  const raw = result.rows[0]![0];
  if (raw === null)
    return { kind: "problem", message: "The query returned NULL; it must return exactly one number (coalesce it to 0 if that is what none means)." };
  const value = Number(raw);
  return Number.isFinite(value) ? { kind: "value", value } : { kind: "problem", message: "The query returned NaN or infinity, not a usable number." };
}

const isServerError = (error: unknown): error is { code: string; message: string } =>
  typeof (error as { code?: unknown })?.code === "string" && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);

// The sentences for failures a team can act on without the server's own words.
const BY_SQLSTATE: Record<string, string> = {
  "57014": "The query took longer than 2 seconds and was cancelled.",
  "55P03": "The query waited longer than 100 ms for a lock and was cancelled.",
  "25006": "The query tried to write; the target is read-only for Switchback.",
};

/**
 * What a failed SQL signal says in its lastError, which everyone who can see the release reads. The
 * server's message is shown only for class 42 (a column or table that does not exist, a missing
 * privilege, a syntax error): it names the query's own identifiers. Every other message can quote a
 * row of the target (22P02: invalid input syntax for type integer: "<a customer's name>", a
 * function's RAISE), so it is replaced by the SQLSTATE and its condition name.
 */
export function sqlFailureSentence(error: { code: string; message: string }): string {
  const known = BY_SQLSTATE[error.code];
  if (known) return known;
  if (error.code.startsWith("42")) return `The query failed: ${error.message}.`;
  const where = error.code.startsWith("22") || error.code.startsWith("23") ? " on the target's data" : "";
  return `The query failed${where} (SQLSTATE ${sqlstateName(error.code)}). Switchback does not show the server's message, which can contain row values.`;
}

/**
 * Runs a SQL signal once. A refusal by the server (an error in the query, a timeout) is a problem
 * of this signal; a lost connection is thrown, for the caller to report on every signal.
 */
export async function readSqlSignal(client: pg.ClientBase, sql: string): Promise<SqlReading> {
  const problem = sqlSignalProblem(sql);
  if (problem) return { kind: "problem", message: problem };
  await client.query("BEGIN TRANSACTION READ ONLY");
  try {
    return numberOf(await client.query<unknown[]>({ text: sql, rowMode: "array" }));
  } catch (error) {
    if (!isServerError(error)) throw error;
    return { kind: "problem", message: sqlFailureSentence(error) };
  } finally {
    await client.query("ROLLBACK");
    // pg_advisory_lock() in the query holds its lock for the session, past the ROLLBACK.
    await client.query("SELECT pg_advisory_unlock_all()");
  }
}
