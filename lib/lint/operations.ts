import type { Node, SelectStmt, VariableSetStmt } from "libpg-query";
import { classifyAlterTable } from "@/lib/lint/alter-table-cmds";
import { listedNames, quoteIdent, relationName } from "@/lib/lint/ast-names";

// Sorts one parsed statement into the operation classes the stage policy cares about. Pure and
// context-free: what the rest of the stage SQL changes about a verdict (a table created earlier, a
// lock_timeout set before) is decided by the stage policy. Function and DO bodies are strings in the
// tree, so nothing inside them is ever mistaken for DDL.

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
  // Names quoted where SQL needs it, for messages.
  table?: string;
  column?: string;
  // The index or constraint name, when the SQL gives one.
  name?: string;
  // The new name of a rename, the new type, or what kind of index or constraint.
  detail?: string;
  // The table for comparison (see `relationName`).
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

// Statement node types that change the schema; the rest (DML, SET, DO, transaction control) do not.
const DDL_NODE = /^(Alter|Create|Drop|Define|CompositeType|Index|Rename|Truncate|View)/;

// A zero or DEFAULT lock_timeout means "wait forever", the very thing the setting is there to stop.
function isRealTimeout(value: Node | undefined): boolean {
  if (!value || !("A_Const" in value)) return false;
  const constant = value.A_Const;
  const text = constant.sval?.sval ?? constant.fval?.fval ?? String(constant.ival?.ival ?? 0);
  return Number.parseFloat(text) !== 0;
}

const isLockTimeout = (name: string | undefined) => name?.toLowerCase() === "lock_timeout";

function setsLockTimeout(node: Node): boolean {
  if ("VariableSetStmt" in node) {
    const set: VariableSetStmt = node.VariableSetStmt;
    return set.kind === "VAR_SET_VALUE" && isLockTimeout(set.name) && isRealTimeout(set.args?.[0]);
  }
  if (!("SelectStmt" in node)) return false;
  const select: SelectStmt = node.SelectStmt;
  const target = select.targetList?.[0];
  const call = target && "ResTarget" in target ? target.ResTarget.val : undefined;
  if (!call || !("FuncCall" in call)) return false;
  const [setting, value] = call.FuncCall.args ?? [];
  const name = call.FuncCall.funcname?.at(-1);
  const isSetConfig = name !== undefined && "String" in name && name.String.sval === "set_config";
  const settingName = setting && "A_Const" in setting ? setting.A_Const.sval?.sval : undefined;
  return isSetConfig && isLockTimeout(settingName) && isRealTimeout(value);
}

function classifyNode(node: Node, facts: StatementFacts): void {
  if ("AlterTableStmt" in node) classifyAlterTable(node.AlterTableStmt, facts);
  else if ("CreateStmt" in node) facts.createsTable = relationName(node.CreateStmt.relation)?.key;
  else if ("IndexStmt" in node) {
    const index = node.IndexStmt;
    const table = relationName(index.relation);
    // ON ONLY a partitioned parent builds nothing: it is the first step of indexing partitions concurrently.
    if (table && !index.concurrent && index.relation?.inh) {
      const name = index.idxname ? quoteIdent(index.idxname) : undefined;
      const detail = index.unique ? "unique index" : "index";
      facts.operations.push({ kind: "create-index-non-concurrent", table: table.text, tableKey: table.key, name, detail });
    }
  } else if ("DropStmt" in node) {
    const drop = node.DropStmt;
    for (const object of listedNames(drop.objects)) {
      if (drop.removeType === "OBJECT_TABLE") facts.operations.push({ kind: "drop-table", table: object.text, tableKey: object.key });
      if (drop.removeType === "OBJECT_INDEX") {
        facts.operations.push({ kind: "drop-index", name: object.text });
        if (!drop.concurrent) facts.operations.push({ kind: "drop-index-non-concurrent", name: object.text });
      }
    }
  } else if ("RenameStmt" in node) {
    const rename = node.RenameStmt;
    const table = relationName(rename.relation);
    const target = { table: table?.text, tableKey: table?.key, detail: rename.newname ? quoteIdent(rename.newname) : undefined };
    if (rename.renameType === "OBJECT_TABLE") facts.operations.push({ kind: "rename-table", ...target });
    if (rename.renameType === "OBJECT_COLUMN" && rename.relationType === "OBJECT_TABLE" && rename.subname) {
      facts.operations.push({ kind: "rename-column", ...target, column: quoteIdent(rename.subname) });
    }
  }
}

// A waiting CONCURRENTLY index build or drop blocks no reads or writes: not what a lock_timeout guards against.
function isConcurrentIndexOperation(node: Node): boolean {
  if ("IndexStmt" in node) return node.IndexStmt.concurrent === true;
  return "DropStmt" in node && node.DropStmt.removeType === "OBJECT_INDEX" && node.DropStmt.concurrent === true;
}

export function classifyStatement(node: Node): StatementFacts {
  const type = Object.keys(node)[0] ?? "";
  const facts: StatementFacts = { operations: [], ddl: DDL_NODE.test(type) && !isConcurrentIndexOperation(node), setsLockTimeout: setsLockTimeout(node) };
  classifyNode(node, facts);
  return facts;
}
