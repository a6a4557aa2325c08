import type { AlterTableCmd, Node, RangeVar } from "libpg-query";
import { quoteIdent, stringsOf } from "@/lib/lint/ast-names";
import { splitStatements } from "@/lib/lint/parse-sql";
import type { StageKind } from "@/lib/generated/prisma/enums";

// What a stage's SQL says it does to the catalog, read with the real parser: Expand claims that
// the tables, columns, indexes and constraints it adds exist (an index valid, a validated
// constraint validated); Contract claims that what it drops is gone; a rename claims both (the new
// name exists, the old one is gone). Migrate moves data, not schema: it claims nothing here.
//
// Names without a schema are looked for in `public`, not along the target's search_path: simple,
// and what almost every application schema uses. Indexes and constraints the SQL leaves unnamed
// are not claimed (PostgreSQL picks their names), nor are objects inside function or DO bodies.

export type ObjectKind = "table" | "column" | "index" | "constraint";
// present: exists; valid: exists and pg_index.indisvalid; validated: pg_constraint.convalidated; gone: absent.
export type Want = "present" | "valid" | "validated" | "gone";

export interface Expectation {
  kind: ObjectKind;
  want: Want;
  schema: string;
  // The table a column or constraint belongs to; for a table or an index, its own name.
  table: string;
  // The column, index or constraint name (a table's own name for a table).
  name: string;
  // As a person reads it: users.last_name, users_email_idx, users_age_check on users.
  label: string;
}

const DEFAULT_SCHEMA = "public";

interface Rel {
  schema: string;
  table: string;
  label: string;
}

const schemaPrefix = (schema: string) => (schema === DEFAULT_SCHEMA ? "" : `${quoteIdent(schema)}.`);

function rel(relation: RangeVar | undefined): Rel | undefined {
  if (!relation?.relname) return undefined;
  const schema = relation.schemaname ?? DEFAULT_SCHEMA;
  return { schema, table: relation.relname, label: schemaPrefix(schema) + quoteIdent(relation.relname) };
}

// A listed name (DROP TABLE a, s.b): its last part is the object, the one before it the schema.
function listed(parts: string[]): Rel | undefined {
  const name = parts.at(-1);
  if (!name) return undefined;
  const schema = parts.at(-2) ?? DEFAULT_SCHEMA;
  return { schema, table: name, label: schemaPrefix(schema) + quoteIdent(name) };
}

const table = (r: Rel, want: Want): Expectation => ({ kind: "table", want, schema: r.schema, table: r.table, name: r.table, label: r.label });
const column = (r: Rel, name: string, want: Want): Expectation => ({ kind: "column", want, ...r, name, label: `${r.label}.${quoteIdent(name)}` });
const index = (r: Rel, want: Want): Expectation => ({ kind: "index", want, schema: r.schema, table: r.table, name: r.table, label: r.label });
const constraint = (r: Rel, name: string, want: Want): Expectation => ({
  kind: "constraint",
  want,
  ...r,
  name,
  label: `${quoteIdent(name)} on ${r.label}`,
});

function alterTableCmd(cmd: AlterTableCmd, on: Rel): Expectation[] {
  const def = cmd.def;
  switch (cmd.subtype) {
    case "AT_AddColumn":
      return def && "ColumnDef" in def && def.ColumnDef.colname ? [column(on, def.ColumnDef.colname, "present")] : [];
    case "AT_AddConstraint":
      return def && "Constraint" in def && def.Constraint.conname ? [constraint(on, def.Constraint.conname, "present")] : [];
    case "AT_ValidateConstraint":
      return cmd.name ? [constraint(on, cmd.name, "validated")] : [];
    case "AT_DropColumn":
      return cmd.name ? [column(on, cmd.name, "gone")] : [];
    case "AT_DropConstraint":
      return cmd.name ? [constraint(on, cmd.name, "gone")] : [];
    default:
      return [];
  }
}

// Claims that come from a rename, which either stage answers for whole.
const renames = new WeakSet<Expectation>();

function rename(node: Extract<Node, { RenameStmt: unknown }>["RenameStmt"]): Expectation[] {
  const claims = renameClaims(node);
  for (const claim of claims) renames.add(claim);
  return claims;
}

function renameClaims(node: Extract<Node, { RenameStmt: unknown }>["RenameStmt"]): Expectation[] {
  const on = rel(node.relation);
  const to = node.newname;
  if (!on || !to) return [];
  switch (node.renameType) {
    case "OBJECT_TABLE":
      return [table(on, "gone"), table({ ...on, table: to, label: schemaPrefix(on.schema) + quoteIdent(to) }, "present")];
    case "OBJECT_INDEX":
      return [index(on, "gone"), index({ ...on, table: to, label: schemaPrefix(on.schema) + quoteIdent(to) }, "present")];
    case "OBJECT_COLUMN":
      return node.subname && node.relationType === "OBJECT_TABLE" ? [column(on, node.subname, "gone"), column(on, to, "present")] : [];
    case "OBJECT_TABCONSTRAINT":
      return node.subname ? [constraint(on, node.subname, "gone"), constraint(on, to, "present")] : [];
    default:
      return [];
  }
}

// Every catalog claim of one statement, adds and drops alike; the stage kind picks which count.
function claimsOf(node: Node): Expectation[] {
  if ("CreateStmt" in node) {
    const r = rel(node.CreateStmt.relation);
    return r ? [table(r, "present")] : [];
  }
  if ("IndexStmt" in node) {
    const on = rel(node.IndexStmt.relation);
    const name = node.IndexStmt.idxname;
    // An index lives in its table's schema.
    return on && name ? [index({ schema: on.schema, table: name, label: schemaPrefix(on.schema) + quoteIdent(name) }, "valid")] : [];
  }
  if ("AlterTableStmt" in node) {
    const on = rel(node.AlterTableStmt.relation);
    if (!on || node.AlterTableStmt.objtype !== "OBJECT_TABLE") return [];
    return (node.AlterTableStmt.cmds ?? []).flatMap((cmd) => ("AlterTableCmd" in cmd ? alterTableCmd(cmd.AlterTableCmd, on) : []));
  }
  if ("DropStmt" in node) {
    const drop = node.DropStmt;
    const make = drop.removeType === "OBJECT_TABLE" ? table : drop.removeType === "OBJECT_INDEX" ? index : undefined;
    if (!make) return [];
    return (drop.objects ?? []).flatMap((object) => {
      const r = "List" in object ? listed(stringsOf(object.List.items)) : undefined;
      return r ? [make(r, "gone")] : [];
    });
  }
  if ("RenameStmt" in node) return rename(node.RenameStmt);
  return [];
}

const identity = (e: Expectation) => JSON.stringify([e.kind, e.schema, e.table, e.name]);
const ADDS: readonly Want[] = ["present", "valid", "validated"];

/**
 * What the stage claims about the catalog once its SQL has run, in the order the SQL says it.
 * A later statement about the same object wins (an index dropped and re-created must exist).
 * Throws SqlSyntaxError when the SQL does not parse.
 */
export function expectedObjects(kind: StageKind, sql: string): Expectation[] {
  if (kind === "MIGRATE" || !sql.trim()) return [];
  const byObject = new Map<string, Expectation>();
  for (const statement of splitStatements(sql)) {
    for (const claim of claimsOf(statement.node)) {
      const key = identity(claim);
      const earlier = byObject.get(key);
      byObject.delete(key);
      // VALIDATE after ADD CONSTRAINT ... NOT VALID in one stage: both hold, the stronger claim is kept.
      byObject.set(key, earlier && earlier.want === "present" && claim.want === "validated" ? { ...earlier, want: "validated" } : claim);
    }
  }
  // Expand answers for what it adds, Contract for what it drops; a rename for both its halves in either.
  return [...byObject.values()].filter((e) => renames.has(e) || (kind === "EXPAND" ? ADDS.includes(e.want) : e.want === "gone"));
}
