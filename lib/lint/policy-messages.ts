import type { Operation, OperationKind } from "@/lib/lint/operations";

// The words a release engineer reads beside the SQL: what the statement does, then what to do instead.

interface Wording {
  message: string;
  advice: string;
}

interface Context {
  inContract: boolean;
  afterValidate: boolean;
}

const PROOF = "Tick the Contract proof items (old columns unread, a full business cycle passed) before running this.";
const BELONGS_IN_CONTRACT = "This belongs in Contract, after proof that nothing reads it.";
const SCAN_WHILE_BLOCKING = "which checks every row while blocking writes";

const column = (op: Operation) => `${op.table}.${op.column}`;
const to = (op: Operation) => (op.detail ? ` to ${op.detail}` : "");
const dropAdvice = ({ inContract }: Context) => (inContract ? PROOF : BELONGS_IN_CONTRACT);

function newIndex(op: Operation): Wording {
  if (op.detail === "unique constraint" || op.detail === "primary key") {
    const what = op.name ? `${op.detail} ${op.name} on ${op.table}` : `a ${op.detail} on ${op.column ? column(op) : op.table}`;
    const clause = op.detail === "primary key" ? "PRIMARY KEY" : "UNIQUE";
    return {
      message: `Adds ${what}, which builds its index while blocking reads and writes.`,
      advice: `Build the index with CREATE UNIQUE INDEX CONCURRENTLY first, then add the constraint with ${clause} USING INDEX.`,
    };
  }
  const what = op.name ? `${op.detail} ${op.name}` : `an ${op.detail}`;
  return {
    message: `Creates ${what} on ${op.table} without CONCURRENTLY, which blocks writes to ${op.table} while it builds.`,
    advice: `Use CREATE ${op.detail === "unique index" ? "UNIQUE " : ""}INDEX CONCURRENTLY (outside a transaction).`,
  };
}

function setNotNull(op: Operation, { afterValidate }: Context): Wording {
  if (afterValidate) {
    return {
      message: `Sets ${column(op)} NOT NULL after validating a constraint on ${op.table}.`,
      advice: `This skips the table scan only if the validated constraint is CHECK (${op.column} IS NOT NULL) (PostgreSQL 12+); drop that CHECK afterwards.`,
    };
  }
  return {
    message: `Sets ${column(op)} NOT NULL, which scans the whole table while blocking reads and writes.`,
    advice: `Add a CHECK (${op.column} IS NOT NULL) NOT VALID constraint, VALIDATE it in a separate step, then SET NOT NULL: PostgreSQL 12+ then skips the scan.`,
  };
}

function unvalidatedConstraint(op: Operation): Wording {
  const what = op.name
    ? `${op.detail} constraint ${op.name} on ${op.table}`
    : op.column
      ? `a ${op.detail} on ${column(op)}`
      : `a ${op.detail} constraint on ${op.table}`;
  return { message: `Adds ${what} without NOT VALID, ${SCAN_WHILE_BLOCKING}.`, advice: "Add it NOT VALID, then VALIDATE CONSTRAINT in a separate step." };
}

const WORDING: Record<OperationKind, (op: Operation, context: Context) => Wording> = {
  "drop-column": (op, context) => ({ message: `Drops column ${column(op)}.`, advice: dropAdvice(context) }),
  "drop-table": (op, context) => ({ message: `Drops table ${op.table}.`, advice: dropAdvice(context) }),
  "drop-index": (op, context) => ({ message: `Drops index ${op.name}.`, advice: dropAdvice(context) }),
  "rename-column": (op) => ({
    message: `Renames column ${column(op)}${to(op)}, which breaks the code still using the old name.`,
    advice: "Add a parallel column, dual-write and backfill, then drop the old one in Contract.",
  }),
  "rename-table": (op) => ({
    message: `Renames table ${op.table}${to(op)}, which breaks the code still using the old name.`,
    advice: "Create the new table, dual-write and backfill, then drop the old one in Contract.",
  }),
  "change-column-type": (op) => ({
    message: `Changes the type of ${column(op)}${to(op)}: the table is locked, usually rewritten, and code expecting the old type breaks.`,
    advice: "Add a parallel column of the new type and backfill it, then drop the old one in Contract.",
  }),
  "set-not-null": setNotNull,
  "create-index-non-concurrent": newIndex,
  "drop-index-non-concurrent": (op) => ({
    message: `Drops index ${op.name} without CONCURRENTLY, which blocks reads and writes on its table until it finishes.`,
    advice: "Use DROP INDEX CONCURRENTLY.",
  }),
  "add-required-column": (op) => ({
    message: `Adds column ${column(op)} as NOT NULL without a default: it fails on a table with rows, and the running code's inserts fail.`,
    advice: "Add it nullable, backfill, then add the constraint.",
  }),
  "constraint-without-not-valid": unvalidatedConstraint,
};

export function describeOperation(op: Operation, inContract: boolean, afterValidate: boolean): Wording {
  return WORDING[op.kind](op, { inContract, afterValidate });
}
