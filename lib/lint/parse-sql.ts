import { hasSqlDetails, loadModule, parseSync, scanSync } from "libpg-query";
import type { Node, RawStmt } from "libpg-query";
import { ByteCursor, lineAndColumn } from "@/lib/lint/text-positions";

// Stage SQL read by the real PostgreSQL parser (libpg-query, compiled to WASM), so statement
// boundaries, comments, dollar-quoted bodies and quoted names are exactly what the server sees.
// The WASM module loads once, here, so the stage policy can parse synchronously.
await loadModule();

export interface Statement {
  // 1-based lines of the statement's first token and of its end.
  line: number;
  endLine: number;
  text: string;
  node: Node;
}

export class SqlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    // The parser ran out of room (deep nesting), rather than the SQL being wrong.
    readonly tooComplex: boolean,
  ) {
    super(`Syntax error at line ${line}, column ${column}: ${reason}`);
    this.name = "SqlSyntaxError";
  }
}

const RESOURCE_LIMITS = /^(memory exhausted|stack depth limit exceeded)/;

function parse(sql: string): RawStmt[] {
  try {
    return parseSync(sql).stmts ?? [];
  } catch (error) {
    if (!hasSqlDetails(error) || !error.sqlDetails) throw error;
    const { message, cursorPosition } = error.sqlDetails;
    const { line, column } = lineAndColumn(sql, cursorPosition);
    throw new SqlSyntaxError(line, column, message, RESOURCE_LIMITS.test(message));
  }
}

// Only the last statement can lack a length: it runs to the end of the text, trailing comments
// included, which are not part of it.
function lastTokenEnd(tail: string): number {
  const tokens = scanSync(tail).tokens.filter((token) => token.tokenName !== "SQL_COMMENT" && token.tokenName !== "C_COMMENT");
  return new ByteCursor(tail).seek(tokens.at(-1)?.end ?? 0).index;
}

// Throws SqlSyntaxError, naming where the parser stopped, when the SQL does not parse.
export function splitStatements(sql: string): Statement[] {
  const cursor = new ByteCursor(sql);
  const statements: Statement[] = [];
  for (const raw of parse(sql)) {
    if (!raw.stmt) continue;
    const start = cursor.seek(raw.stmt_location ?? 0);
    const end = raw.stmt_len ? cursor.seek((raw.stmt_location ?? 0) + raw.stmt_len) : undefined;
    const text = end ? sql.slice(start.index, end.index).trimEnd() : sql.slice(start.index, start.index + lastTokenEnd(sql.slice(start.index)));
    const endLine = end?.line ?? start.line + (text.match(/\n/g)?.length ?? 0);
    statements.push({ line: start.line, endLine, text, node: raw.stmt });
  }
  return statements;
}
