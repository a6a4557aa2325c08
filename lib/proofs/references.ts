import { fingerprintSync, type Node, type RangeVar } from "libpg-query";
import { relationName } from "@/lib/lint/ast-names";
import { splitStatements } from "@/lib/lint/parse-sql";

// What one normalised statement from pg_stat_statements touches, read by the real parser (the
// normalised text, with $1 for constants, parses like the original). Any mention counts: a read,
// a write (an INSERT that sets full_name breaks as surely as a SELECT once it is dropped), a
// `*`. An unqualified column counts for every table the statement names, which may say a column
// is read when it is not, never the other way. DDL and utility statements are not the app's reads.

export interface References {
  // pg_query's fingerprint: the same for a statement and its normalised text ($1 for constants).
  fingerprint: string;
  // Table keys as relationName gives them ("users", "app.users").
  tables: Set<string>;
  // "users\0full_name"
  columns: Set<string>;
  // Tables read with `*`, or written without a column list.
  allColumnsOf: Set<string>;
}

const APP_STATEMENTS = new Set(["SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt", "CopyStmt"]);

type Walked = { relations: RangeVar[]; columnRefs: Node[][]; written: { relation?: RangeVar; names: string[]; all: boolean }[] };

const resTargetNames = (list: Node[] | undefined) => (list ?? []).flatMap((n) => ("ResTarget" in n && n.ResTarget.name ? [n.ResTarget.name] : []));

function walk(value: unknown, into: Walked): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, into);
    return;
  }
  if (!value || typeof value !== "object") return;
  const node = value as Record<string, unknown>;
  // A RangeVar comes wrapped in FROM lists and bare as a statement's target (INSERT INTO users).
  if (typeof node.relname === "string" && "relpersistence" in node) into.relations.push(node as RangeVar);
  if ("ColumnRef" in node) into.columnRefs.push(((node.ColumnRef as { fields?: Node[] }).fields ?? []) as Node[]);
  const n = node as Node;
  if ("InsertStmt" in n) {
    const names = resTargetNames(n.InsertStmt.cols);
    into.written.push({ relation: n.InsertStmt.relation, names, all: names.length === 0 });
  }
  if ("UpdateStmt" in n) into.written.push({ relation: n.UpdateStmt.relation, names: resTargetNames(n.UpdateStmt.targetList), all: false });
  if ("MergeStmt" in n) {
    const names = (n.MergeStmt.mergeWhenClauses ?? []).flatMap((c) => ("MergeWhenClause" in c ? resTargetNames(c.MergeWhenClause.targetList) : []));
    into.written.push({ relation: n.MergeStmt.relation, names, all: false });
  }
  if ("CopyStmt" in n && n.CopyStmt.relation) {
    const names = (n.CopyStmt.attlist ?? []).flatMap((a) => ("String" in a ? [a.String.sval ?? ""] : []));
    into.written.push({ relation: n.CopyStmt.relation, names, all: names.length === 0 });
  }
  for (const child of Object.values(node)) walk(child, into);
}

function referencesOf(node: Node): Omit<References, "fingerprint"> {
  const walked: Walked = { relations: [], columnRefs: [], written: [] };
  walk(node, walked);
  const refs: Omit<References, "fingerprint"> = { tables: new Set(), columns: new Set(), allColumnsOf: new Set() };
  // A qualifier may be an alias, the table's name or its schema-qualified name.
  const byQualifier = new Map<string, string>();
  for (const relation of walked.relations) {
    const key = relationName(relation)?.key;
    if (!key) continue;
    refs.tables.add(key);
    byQualifier.set(key, key);
    byQualifier.set(relation.relname!, key);
    if (relation.alias?.aliasname) byQualifier.set(relation.alias.aliasname, key);
  }
  const all = [...refs.tables];
  for (const fields of walked.columnRefs) {
    const star = fields.length > 0 && "A_Star" in fields.at(-1)!;
    const names = fields.flatMap((f) => ("String" in f ? [f.String.sval ?? ""] : []));
    const qualifier = star ? names.join(".") : names.slice(0, -1).join(".");
    // A qualifier that names no table of the statement (a CTE, a composite field) says nothing here.
    const tables = qualifier ? [byQualifier.get(qualifier.replace(/^public\./, ""))].filter((t): t is string => !!t) : all;
    for (const table of tables) {
      if (star) refs.allColumnsOf.add(table);
      else refs.columns.add(`${table}\0${names.at(-1)}`);
    }
  }
  for (const write of walked.written) {
    const table = relationName(write.relation)?.key;
    if (!table) continue;
    if (write.all) refs.allColumnsOf.add(table);
    for (const name of write.names) refs.columns.add(`${table}\0${name}`);
  }
  return refs;
}

// A text the parser refused: the proof cannot tell what it reads (lib/proofs/unread.ts decides).
export const UNPARSED = "unparsed";
export type Parsed = References | null | typeof UNPARSED;

/** What a statement text references; null when it is not the app's DML, UNPARSED when it does not parse. */
export function statementReferences(text: string): Parsed {
  let statements;
  try {
    statements = splitStatements(text);
  } catch {
    return UNPARSED;
  }
  const [statement, more] = statements;
  if (!statement || more) return null;
  const type = Object.keys(statement.node)[0] ?? "";
  if (!APP_STATEMENTS.has(type)) return null;
  try {
    return { ...referencesOf(statement.node), fingerprint: fingerprintSync(text) };
  } catch {
    return UNPARSED;
  }
}

/** Whether an unparsed text names the table (its last part, as a word), which is all that can be said of it. */
export function mentionsTable(text: string, table: string): boolean {
  const name = (table.split(".").at(-1) ?? table).replace(/"/g, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_$])"?${name}"?([^A-Za-z0-9_$]|$)`, "i").test(text);
}

// A table named with a schema on one side and without on the other is taken to be the same table:
// the search_path that decides is the app's, which Switchback does not see.
export function sameTable(a: string, b: string): boolean {
  if (a === b) return true;
  const last = (key: string) => key.split(".").at(-1);
  return (!a.includes(".") || !b.includes(".")) && last(a) === last(b);
}

/** The fingerprints of Switchback's own SQL signals: their runs on the target are not the app's reads. */
export function ownFingerprints(queries: string[]): Set<string> {
  return new Set(
    queries.flatMap((query) => {
      try {
        return [fingerprintSync(query)];
      } catch {
        return [];
      }
    }),
  );
}

/** Whether the statement touches the dropped table (column undefined) or the dropped column. */
export function touches(refs: References, table: string, column?: string): boolean {
  const tables = [...refs.tables].filter((t) => sameTable(t, table));
  if (tables.length === 0) return false;
  if (column === undefined) return true;
  return tables.some((t) => refs.allColumnsOf.has(t) || refs.columns.has(`${t}\0${column}`));
}

// pg_stat_statements keeps one text per queryid: parse each once, and keep the start of its text
// to show. Bounded, as the texts are the target's.
const cache = new Map<string, { refs: Parsed; text: string }>();
const CACHE_SIZE = 20_000;
const TEXT_CHARS = 500;

export const cachedReferences = (queryid: string) => cache.get(queryid);
export const isCached = (queryid: string) => cache.has(queryid);

export function rememberReferences(queryid: string, text: string): Parsed {
  if (cache.size >= CACHE_SIZE) cache.clear();
  const refs = statementReferences(text);
  // An unparsed text is kept whole: whether it names a dropped table is read from it.
  cache.set(queryid, { refs, text: refs === UNPARSED ? text : text.slice(0, TEXT_CHARS) });
  return refs;
}
