// Splits stage SQL into statements the way PostgreSQL's lexer sees it, so a `;` or a keyword inside a
// comment, string, quoted identifier or function body never starts a statement or looks like DDL.
// One forward pass with indexOf for long bodies: linear in the length of the text.

export type TokenKind = "word" | "quoted" | "string" | "number" | "symbol";

export interface Token {
  kind: TokenKind;
  // The token exactly as written (quotes included for quoted identifiers and strings).
  text: string;
  line: number;
}

export interface Statement {
  // 1-based lines of the first token and of the end (the `;`, or the last token when there is none).
  line: number;
  endLine: number;
  text: string;
  tokens: Token[];
}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 36;

function lineCommentEnd(sql: string, start: number): number {
  const newline = sql.indexOf("\n", start);
  return newline === -1 ? sql.length : newline;
}

// PostgreSQL block comments nest: `/* a /* b */ still a comment */`.
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

// Ends a quoted run where a doubled quote is an escaped quote; `backslashes` for E'' strings.
function quotedEnd(sql: string, start: number, quote: string, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashes && c === "\\") i += 2;
    else if (c !== quote) i++;
    else if (sql[i + 1] === quote) i += 2;
    else return i + 1;
  }
  return sql.length;
}

// `$$ … $$` or `$tag$ … $tag$`; a `$` that opens neither (a `$1` parameter) is a symbol.
function dollarQuoteEnd(sql: string, start: number): number | undefined {
  let i = start + 1;
  if (isIdentStart(sql.charCodeAt(i))) {
    while (isIdentStart(sql.charCodeAt(i)) || isDigit(sql.charCodeAt(i))) i++;
  }
  if (sql[i] !== "$") return undefined;
  const tag = sql.slice(start, i + 1);
  const close = sql.indexOf(tag, i + 1);
  return close === -1 ? sql.length : close + tag.length;
}

function tokenAt(sql: string, start: number): { kind: TokenKind; end: number } {
  const c = sql.charCodeAt(start);
  if (c === 39) return { kind: "string", end: quotedEnd(sql, start, "'", false) };
  if (c === 34) return { kind: "quoted", end: quotedEnd(sql, start, '"', false) };
  if (c === 36) {
    const end = dollarQuoteEnd(sql, start);
    return end === undefined ? { kind: "symbol", end: start + 1 } : { kind: "string", end };
  }
  if (isIdentStart(c)) {
    let end = start + 1;
    while (end < sql.length && isIdentPart(sql.charCodeAt(end))) end++;
    const escapeString = end === start + 1 && (c === 69 || c === 101) && sql[end] === "'";
    return escapeString ? { kind: "string", end: quotedEnd(sql, end, "'", true) } : { kind: "word", end };
  }
  if (isDigit(c)) {
    let end = start + 1;
    while (end < sql.length && (isIdentPart(sql.charCodeAt(end)) || sql[end] === ".")) end++;
    return { kind: "number", end };
  }
  return { kind: "symbol", end: start + 1 };
}

export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let tokens: Token[] = [];
  let firstStart = 0;
  let lastEnd = 0;
  // Lines are counted lazily up to each offset asked for; offsets only grow, so this stays linear.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (; counted < offset; counted++) if (sql.charCodeAt(counted) === 10) line++;
    return line;
  };
  const finish = (end: number) => {
    const first = tokens[0];
    if (first) statements.push({ line: first.line, endLine: lineAt(end), text: sql.slice(firstStart, lastEnd), tokens });
    tokens = [];
  };

  let i = 0;
  while (i < sql.length) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) i++;
    else if (c === 45 && sql.charCodeAt(i + 1) === 45) i = lineCommentEnd(sql, i);
    else if (c === 47 && sql.charCodeAt(i + 1) === 42) i = blockCommentEnd(sql, i);
    else if (c === 59) {
      finish(i);
      i++;
    } else {
      const { kind, end } = tokenAt(sql, i);
      if (tokens.length === 0) firstStart = i;
      tokens.push({ kind, text: sql.slice(i, end), line: lineAt(i) });
      lastEnd = end;
      i = end;
    }
  }
  finish(lastEnd);
  return statements;
}
