import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint } from "libpg-query";
import { quoteIdent, relationName, stringsOf, typeText } from "@/lib/lint/ast-names";
import type { Operation, StatementFacts } from "@/lib/lint/operations";

// The subcommands of one `ALTER TABLE`, each classified on its own: `ALTER TABLE users ADD COLUMN a
// text, DROP COLUMN b` is one harmless and one destructive change, and the stage policy judges every one.

type Target = Pick<Operation, "table" | "tableKey">;

const SERIAL_TYPES = new Set(["smallserial", "serial", "bigserial", "serial2", "serial4", "serial8"]);

// UNIQUE and PRIMARY KEY build their index under an ACCESS EXCLUSIVE lock unless they adopt one built
// CONCURRENTLY beforehand (`USING INDEX`); CHECK and FOREIGN KEY scan the table unless NOT VALID.
function addConstraint(constraint: Constraint, target: Target): Operation[] {
  const name = constraint.conname ? quoteIdent(constraint.conname) : undefined;
  const { contype } = constraint;
  if (contype === "CONSTR_UNIQUE" || contype === "CONSTR_PRIMARY") {
    if (constraint.indexname) return [];
    return [{ kind: "create-index-non-concurrent", ...target, name, detail: contype === "CONSTR_PRIMARY" ? "primary key" : "unique constraint" }];
  }
  if ((contype === "CONSTR_CHECK" || contype === "CONSTR_FOREIGN") && !constraint.skip_validation) {
    return [{ kind: "constraint-without-not-valid", ...target, name, detail: contype === "CONSTR_CHECK" ? "CHECK" : "FOREIGN KEY" }];
  }
  return [];
}

function addColumn(definition: ColumnDef, target: Target): Operation[] {
  if (!definition.colname) return [];
  const on = { ...target, column: quoteIdent(definition.colname) };
  const kinds = new Set((definition.constraints ?? []).flatMap((node) => ("Constraint" in node ? [node.Constraint.contype] : [])));
  const serial = SERIAL_TYPES.has(stringsOf(definition.typeName?.names).at(-1) ?? "");
  const filled = kinds.has("CONSTR_DEFAULT") || kinds.has("CONSTR_GENERATED") || kinds.has("CONSTR_IDENTITY") || serial;
  const operations: Operation[] = [];
  if ((kinds.has("CONSTR_NOTNULL") || kinds.has("CONSTR_PRIMARY")) && !filled) operations.push({ kind: "add-required-column", ...on });
  if (kinds.has("CONSTR_FOREIGN")) operations.push({ kind: "constraint-without-not-valid", ...on, detail: "FOREIGN KEY" });
  if (kinds.has("CONSTR_PRIMARY")) operations.push({ kind: "create-index-non-concurrent", ...on, detail: "primary key" });
  else if (kinds.has("CONSTR_UNIQUE")) operations.push({ kind: "create-index-non-concurrent", ...on, detail: "unique constraint" });
  return operations;
}

function classifyCmd(cmd: AlterTableCmd, target: Target): Operation[] {
  const def = cmd.def;
  const column = cmd.name ? quoteIdent(cmd.name) : undefined;
  switch (cmd.subtype) {
    case "AT_AddColumn":
      return def && "ColumnDef" in def ? addColumn(def.ColumnDef, target) : [];
    case "AT_AddConstraint":
      return def && "Constraint" in def ? addConstraint(def.Constraint, target) : [];
    case "AT_DropColumn":
      return [{ kind: "drop-column", ...target, column }];
    case "AT_SetNotNull":
      return [{ kind: "set-not-null", ...target, column }];
    case "AT_AlterColumnType": {
      const type = def && "ColumnDef" in def ? typeText(def.ColumnDef.typeName) : undefined;
      return [{ kind: "change-column-type", ...target, column, detail: type }];
    }
    default:
      return [];
  }
}

export function classifyAlterTable(statement: AlterTableStmt, facts: StatementFacts): void {
  const table = relationName(statement.relation);
  if (!table || statement.objtype !== "OBJECT_TABLE") return;
  const target: Target = { table: table.text, tableKey: table.key };
  for (const node of statement.cmds ?? []) {
    if (!("AlterTableCmd" in node)) continue;
    if (node.AlterTableCmd.subtype === "AT_ValidateConstraint") facts.validatesConstraintOn = table.key;
    facts.operations.push(...classifyCmd(node.AlterTableCmd, target));
  }
}
