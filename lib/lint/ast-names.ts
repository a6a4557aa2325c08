import { scanSync } from "libpg-query";
import type { Node, RangeVar, TypeName } from "libpg-query";

// The parser hands back names folded and unquoted; messages show them the way they must be written
// to mean the same thing, as PostgreSQL's quote_ident does.

export interface Name {
  // For messages: `app."Users"`.
  text: string;
  // Without the default schema, to compare two mentions of one table.
  key: string;
}

const PLAIN = /^[a-z_][a-z0-9_$]*$/;
// libpg-query's keyword kinds: 0 is not a keyword, 1 an unreserved one usable as a bare name.
const BARE_KEYWORD_KINDS = new Set([0, 1]);

// Stage SQL names the same tables over and over; asking the scanner once per name keeps a 200 KB
// text fast. Bounded, because the names come from whatever SQL people send.
const keywordKinds = new Map<string, number>();
const KEYWORD_CACHE_SIZE = 10_000;

function keywordKind(name: string): number {
  let kind = keywordKinds.get(name);
  if (kind === undefined) {
    if (keywordKinds.size >= KEYWORD_CACHE_SIZE) keywordKinds.clear();
    kind = scanSync(name).tokens[0]?.keywordKind ?? 0;
    keywordKinds.set(name, kind);
  }
  return kind;
}

export function quoteIdent(name: string): string {
  if (PLAIN.test(name) && BARE_KEYWORD_KINDS.has(keywordKind(name))) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

function nameOf(parts: string[]): Name {
  const key = parts.join(".").replace(/^public\./, "");
  return { text: parts.map(quoteIdent).join("."), key };
}

export const stringsOf = (nodes: Node[] | undefined): string[] => (nodes ?? []).flatMap((node) => ("String" in node ? [node.String.sval ?? ""] : []));

export function relationName(relation: RangeVar | undefined): Name | undefined {
  if (!relation?.relname) return undefined;
  return nameOf([relation.catalogname, relation.schemaname, relation.relname].filter((part): part is string => Boolean(part)));
}

// `DROP TABLE a, s.b` lists each object as a List of its name's parts.
export const listedNames = (objects: Node[] | undefined): Name[] =>
  (objects ?? []).flatMap((object) => ("List" in object ? [nameOf(stringsOf(object.List.items))] : []));

// The grammar rewrites SQL's type names to catalog ones (bigint is pg_catalog.int8); show the SQL name.
const SQL_TYPE_NAMES: Record<string, string> = {
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  bool: "boolean",
  bpchar: "char",
};

function typeModifier(node: Node): string {
  if (!("A_Const" in node)) return "";
  const value = node.A_Const;
  return String(value.ival ? (value.ival.ival ?? 0) : (value.sval?.sval ?? value.fval?.fval ?? ""));
}

export function typeText(type: TypeName | undefined): string | undefined {
  const names = stringsOf(type?.names);
  if (names.length === 0) return undefined;
  const base = names[0] === "pg_catalog" && names.length === 2 ? (SQL_TYPE_NAMES[names[1]!] ?? names[1]!) : names.map(quoteIdent).join(".");
  const modifiers = type?.typmods?.length ? `(${type.typmods.map(typeModifier).join(", ")})` : "";
  const bounds = (type?.arrayBounds ?? []).map((bound) => ("Integer" in bound && (bound.Integer.ival ?? -1) >= 0 ? `[${bound.Integer.ival}]` : "[]"));
  return base + modifiers + bounds.join("");
}
