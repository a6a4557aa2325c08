import type { Operation, StatementFacts } from "@/lib/lint/classify";
import type { Token } from "@/lib/lint/statements";
import { isSymbol, isWord, nameAt, type Name, skip, splitTopLevel, topLevelClauses, typeText } from "@/lib/lint/tokens";

// The actions of one `ALTER TABLE`, each classified on its own: `ALTER TABLE users ADD COLUMN a text,
// DROP COLUMN b` is one harmless and one destructive change.

type Target = Pick<Operation, "table" | "tableKey">;

const SERIAL_TYPES = ["SMALLSERIAL", "SERIAL", "BIGSERIAL", "SERIAL2", "SERIAL4", "SERIAL8"];

// UNIQUE and PRIMARY KEY build their index under an ACCESS EXCLUSIVE lock unless they adopt one built
// CONCURRENTLY beforehand (`USING INDEX`); CHECK and FOREIGN KEY scan the table unless NOT VALID.
function addConstraint(action: Token[], i: number, name: string | undefined, target: Target): Operation[] {
  const keyword = action[i];
  if (isWord(keyword, "UNIQUE", "PRIMARY")) {
    const primary = isWord(keyword, "PRIMARY");
    const after = primary ? i + 2 : i + 1;
    if (isWord(action[after], "USING") && isWord(action[after + 1], "INDEX")) return [];
    return [{ kind: "create-index-non-concurrent", ...target, name, detail: primary ? "primary key" : "unique constraint" }];
  }
  if (isWord(keyword, "CHECK", "FOREIGN") && !topLevelClauses(action)("NOT VALID")) {
    return [{ kind: "constraint-without-not-valid", ...target, name, detail: isWord(keyword, "CHECK") ? "CHECK" : "FOREIGN KEY" }];
  }
  return [];
}

function addColumn(column: Name, definition: Token[], target: Target): Operation[] {
  const has = topLevelClauses(definition);
  const on = { ...target, column: column.text };
  const filled = has("DEFAULT") || has("GENERATED") || isWord(definition[0], ...SERIAL_TYPES);
  const operations: Operation[] = [];
  if ((has("NOT NULL") || has("PRIMARY KEY")) && !filled) operations.push({ kind: "add-required-column", ...on });
  if (has("REFERENCES")) operations.push({ kind: "constraint-without-not-valid", ...on, detail: "FOREIGN KEY" });
  if (has("PRIMARY KEY")) operations.push({ kind: "create-index-non-concurrent", ...on, detail: "primary key" });
  else if (has("UNIQUE")) operations.push({ kind: "create-index-non-concurrent", ...on, detail: "unique constraint" });
  return operations;
}

function classifyAdd(action: Token[], target: Target): Operation[] {
  let i = 1;
  let name: string | undefined;
  if (isWord(action[1], "CONSTRAINT")) {
    const constraint = nameAt(action, 2);
    name = constraint?.text;
    i = constraint?.next ?? 2;
  }
  if (isWord(action[i], "CHECK", "FOREIGN", "UNIQUE", "PRIMARY", "EXCLUDE")) return addConstraint(action, i, name, target);
  if (name) return [];
  const column = nameAt(action, skip(action, skip(action, 1, "COLUMN"), "IF", "NOT", "EXISTS"));
  return column ? addColumn(column, action.slice(column.next), target) : [];
}

function classifyAlterColumn(action: Token[], target: Target): Operation[] {
  const column = nameAt(action, skip(action, 1, "COLUMN"));
  if (!column) return [];
  const on = { ...target, column: column.text };
  if (skip(action, column.next, "SET", "NOT", "NULL") !== column.next) return [{ kind: "set-not-null", ...on }];
  const type = skip(action, column.next, "SET", "DATA");
  if (isWord(action[type], "TYPE")) return [{ kind: "change-column-type", ...on, detail: typeText(action.slice(type + 1)) }];
  return [];
}

function classifyRename(action: Token[], target: Target): Operation[] {
  if (isWord(action[1], "TO")) return [{ kind: "rename-table", ...target, detail: nameAt(action, 2)?.text }];
  if (isWord(action[1], "CONSTRAINT")) return [];
  const column = nameAt(action, skip(action, 1, "COLUMN"));
  if (!column) return [];
  const to = isWord(action[column.next], "TO") ? nameAt(action, column.next + 1) : undefined;
  return [{ kind: "rename-column", ...target, column: column.text, detail: to?.text }];
}

function classifyAction(action: Token[], target: Target): Operation[] {
  const verb = action[0];
  if (isWord(verb, "ADD")) return classifyAdd(action, target);
  if (isWord(verb, "ALTER") && !isWord(action[1], "CONSTRAINT")) return classifyAlterColumn(action, target);
  if (isWord(verb, "RENAME")) return classifyRename(action, target);
  if (isWord(verb, "DROP") && !isWord(action[1], "CONSTRAINT")) {
    const column = nameAt(action, skip(action, skip(action, 1, "COLUMN"), "IF", "EXISTS"));
    return column ? [{ kind: "drop-column", ...target, column: column.text }] : [];
  }
  return [];
}

export function classifyAlterTable(tokens: Token[], facts: StatementFacts): void {
  const table = nameAt(tokens, skip(tokens, skip(tokens, 2, "IF", "EXISTS"), "ONLY"));
  if (!table) return;
  const target: Target = { table: table.text, tableKey: table.key };
  const start = isSymbol(tokens[table.next], "*") ? table.next + 1 : table.next;
  for (const action of splitTopLevel(tokens.slice(start))) {
    if (isWord(action[0], "VALIDATE")) facts.validatesConstraintOn = table.key;
    facts.operations.push(...classifyAction(action, target));
  }
}
