import { classifyAlterTable } from "@/lib/lint/alter-table";
import type { Token } from "@/lib/lint/statements";
import { isWord, nameAt, namesAt, skip } from "@/lib/lint/tokens";

// Sorts one statement into the operation classes the stage policy cares about. Pure and context-free:
// what the rest of the stage SQL changes about a verdict (a table created earlier, a lock_timeout set
// before) is decided by the stage policy.

export type OperationKind =
  | "drop-column"
  | "drop-table"
  | "drop-index"
  | "rename-column"
  | "rename-table"
  | "change-column-type"
  | "set-not-null"
  | "create-index-non-concurrent"
  | "drop-index-non-concurrent"
  | "add-required-column"
  | "constraint-without-not-valid";

export interface Operation {
  kind: OperationKind;
  // Names as written, for messages.
  table?: string;
  column?: string;
  // The index or constraint name, when the SQL gives one.
  name?: string;
  // The new name of a rename, the new type, or what kind of index or constraint.
  detail?: string;
  // The table folded for comparison (see `nameAt`).
  tableKey?: string;
}

export interface StatementFacts {
  operations: Operation[];
  // Takes a lock a busy table can queue behind, so it wants a lock_timeout set first.
  ddl: boolean;
  setsLockTimeout: boolean;
  createsTable?: string;
  validatesConstraintOn?: string;
}

const TABLE_MODIFIERS = ["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"];

function classifyCreate(tokens: Token[], facts: StatementFacts): void {
  let i = skip(tokens, 1, "OR", "REPLACE");
  const unique = isWord(tokens[i], "UNIQUE");
  if (unique) i++;
  if (isWord(tokens[i], "INDEX")) {
    const concurrently = isWord(tokens[i + 1], "CONCURRENTLY");
    i = skip(tokens, concurrently ? i + 2 : i + 1, "IF", "NOT", "EXISTS");
    const index = isWord(tokens[i], "ON") ? undefined : nameAt(tokens, i);
    const on = index ? index.next : i;
    // ON ONLY a partitioned parent builds nothing: it is the first step of indexing partitions concurrently.
    const only = isWord(tokens[on + 1], "ONLY");
    const table = isWord(tokens[on], "ON") ? nameAt(tokens, on + 1) : undefined;
    if (table && !concurrently && !only) {
      const detail = unique ? "unique index" : "index";
      facts.operations.push({ kind: "create-index-non-concurrent", table: table.text, tableKey: table.key, name: index?.text, detail });
    }
    return;
  }
  while (isWord(tokens[i], ...TABLE_MODIFIERS)) i++;
  if (isWord(tokens[i], "TABLE")) facts.createsTable = nameAt(tokens, skip(tokens, i + 1, "IF", "NOT", "EXISTS"))?.key;
}

function classifyDrop(tokens: Token[], facts: StatementFacts): void {
  if (isWord(tokens[1], "TABLE")) {
    for (const table of namesAt(tokens, skip(tokens, 2, "IF", "EXISTS"))) {
      facts.operations.push({ kind: "drop-table", table: table.text, tableKey: table.key });
    }
  } else if (isWord(tokens[1], "INDEX")) {
    const concurrently = isWord(tokens[2], "CONCURRENTLY");
    for (const index of namesAt(tokens, skip(tokens, concurrently ? 3 : 2, "IF", "EXISTS"))) {
      facts.operations.push({ kind: "drop-index", name: index.text });
      if (!concurrently) facts.operations.push({ kind: "drop-index-non-concurrent", name: index.text });
    }
  }
}

// A zero or DEFAULT lock_timeout means "wait forever", the very thing the setting is there to stop.
function isRealTimeout(value: Token | undefined): boolean {
  if (!value || isWord(value, "DEFAULT")) return false;
  return Number.parseFloat(value.kind === "string" ? value.text.slice(1, -1) : value.text) !== 0;
}

function setsLockTimeout(tokens: Token[]): boolean {
  if (isWord(tokens[0], "SET")) {
    const i = isWord(tokens[1], "SESSION", "LOCAL") ? 2 : 1;
    return isWord(tokens[i], "LOCK_TIMEOUT") && isRealTimeout(tokens[i + 2]);
  }
  const setConfig = isWord(tokens[0], "SELECT") && isWord(tokens[1], "SET_CONFIG") && tokens[3]?.text.toLowerCase() === "'lock_timeout'";
  return setConfig && isRealTimeout(tokens[5]);
}

export function classifyStatement(tokens: Token[]): StatementFacts {
  const facts: StatementFacts = { operations: [], ddl: false, setsLockTimeout: setsLockTimeout(tokens) };
  const head = tokens[0];
  if (!isWord(head, "ALTER", "CREATE", "DROP", "TRUNCATE")) return facts;
  // A waiting CONCURRENTLY index build or drop blocks no reads or writes: not what a lock_timeout guards against.
  const indexAt = isWord(tokens[1], "UNIQUE") ? 2 : 1;
  facts.ddl = !(isWord(tokens[indexAt], "INDEX") && isWord(tokens[indexAt + 1], "CONCURRENTLY"));
  if (isWord(head, "CREATE")) classifyCreate(tokens, facts);
  else if (isWord(head, "DROP")) classifyDrop(tokens, facts);
  else if (isWord(head, "ALTER") && isWord(tokens[1], "TABLE")) classifyAlterTable(tokens, facts);
  return facts;
}
