import { quoteIdent, relationName, listedNames } from "@/lib/lint/ast-names";
import { splitStatements } from "@/lib/lint/parse-sql";

// What the Contract stage's SQL drops, read by the real parser: the columns and tables whose
// readers the proof looks for. SQL that does not parse drops nothing here (the lint says why).

export interface DroppedObject {
  // "users.full_name" or "orders".
  name: string;
  table: string;
  column?: string;
}

export function droppedObjects(sql: string): DroppedObject[] {
  let statements;
  try {
    statements = splitStatements(sql);
  } catch {
    return [];
  }
  const dropped = new Map<string, DroppedObject>();
  for (const { node } of statements) {
    if ("AlterTableStmt" in node && node.AlterTableStmt.objtype === "OBJECT_TABLE") {
      const table = relationName(node.AlterTableStmt.relation);
      if (!table) continue;
      for (const cmd of node.AlterTableStmt.cmds ?? []) {
        if (!("AlterTableCmd" in cmd) || cmd.AlterTableCmd.subtype !== "AT_DropColumn" || !cmd.AlterTableCmd.name) continue;
        const column = cmd.AlterTableCmd.name;
        const name = `${table.text}.${quoteIdent(column)}`;
        dropped.set(name, { name, table: table.key, column });
      }
    } else if ("DropStmt" in node && node.DropStmt.removeType === "OBJECT_TABLE") {
      for (const table of listedNames(node.DropStmt.objects)) dropped.set(table.text, { name: table.text, table: table.key });
    }
  }
  return [...dropped.values()];
}
