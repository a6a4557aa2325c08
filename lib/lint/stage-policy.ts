import { classifyStatement, type Operation, type OperationKind } from "@/lib/lint/operations";
import { SqlSyntaxError, splitStatements, type Statement } from "@/lib/lint/parse-sql";
import { describeOperation } from "@/lib/lint/policy-messages";
import type { Finding, Severity, StageKind } from "@/lib/lint/types";

// Switchback's stage policy on top of squawk: what is destructive or incompatible is an error before
// Contract; drops are what Contract is for but need its proof items; whatever locks a busy table for
// the length of a scan or a rewrite is an error in every stage.

export { classifyStatement };

export interface PlacedOperation extends Operation {
  line: number;
  endLine: number;
  // On a table created earlier in the same SQL: empty and unseen by the running code, so harmless.
  onNewTable: boolean;
  // SET NOT NULL after a VALIDATE CONSTRAINT on the same table: the scan-free recipe, if that
  // constraint is the matching CHECK (col IS NOT NULL).
  afterValidate: boolean;
}

export interface Analysis {
  operations: PlacedOperation[];
  // The first DDL statement, when no lock_timeout was set before it.
  unguardedDdlLine?: number;
  // Where PostgreSQL's parser stopped; then there is nothing else to judge.
  syntaxError?: SqlSyntaxError;
}

const DROPS: ReadonlySet<OperationKind> = new Set(["drop-column", "drop-table", "drop-index"]);

function parsed(sql: string): Statement[] | SqlSyntaxError {
  try {
    return splitStatements(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return error;
    throw error;
  }
}

export function analyseSql(sql: string): Analysis {
  const analysis: Analysis = { operations: [] };
  const statements = parsed(sql);
  if (statements instanceof SqlSyntaxError) return { ...analysis, syntaxError: statements };
  const created = new Set<string>();
  const validated = new Set<string>();
  let guarded = false;
  let seenDdl = false;
  for (const statement of statements) {
    const facts = classifyStatement(statement.node);
    guarded ||= facts.setsLockTimeout;
    if (facts.ddl && !seenDdl && !guarded) analysis.unguardedDdlLine = statement.line;
    seenDdl ||= facts.ddl;
    for (const operation of facts.operations) {
      const key = operation.tableKey;
      analysis.operations.push({
        ...operation,
        line: statement.line,
        endLine: statement.endLine,
        onNewTable: key !== undefined && created.has(key),
        afterValidate: key !== undefined && validated.has(key),
      });
    }
    if (facts.createsTable) created.add(facts.createsTable);
    if (facts.validatesConstraintOn) validated.add(facts.validatesConstraintOn);
  }
  return analysis;
}

function severityOf(stage: StageKind, operation: PlacedOperation): Severity {
  if (DROPS.has(operation.kind)) return stage === "CONTRACT" ? "proof" : "error";
  if (operation.kind === "set-not-null" && operation.afterValidate) return "warning";
  return "error";
}

function unparsed({ line, column, reason, tooComplex }: SqlSyntaxError): Finding {
  const advice = "Fix this first: the rest of the SQL is checked once it parses.";
  if (tooComplex) {
    const message = `PostgreSQL's parser gave up at line ${line}, column ${column} (${reason}), so the stage policy could not check this SQL.`;
    return {
      rule: "policy-failed",
      line,
      severity: "error",
      message,
      advice: "Split the SQL into smaller pieces or simplify deeply nested expressions.",
      source: "policy",
    };
  }
  return { rule: "syntax-error", line, severity: "error", message: `Line ${line} does not parse: ${reason} (column ${column}).`, advice, source: "policy" };
}

export function policyFindings(stage: StageKind, analysis: Analysis): Finding[] {
  if (analysis.syntaxError) return [unparsed(analysis.syntaxError)];
  const findings: Finding[] = analysis.operations
    .filter((operation) => !operation.onNewTable)
    .map((operation) => ({
      rule: operation.kind,
      line: operation.line,
      severity: severityOf(stage, operation),
      ...describeOperation(operation, stage === "CONTRACT", operation.afterValidate),
      source: "policy",
    }));
  if (analysis.unguardedDdlLine !== undefined) {
    findings.push({
      rule: "missing-lock-timeout",
      line: analysis.unguardedDdlLine,
      severity: "warning",
      message: "No lock_timeout is set before the first schema change.",
      advice: "Start with SET lock_timeout = '2s'; so a blocked DDL gives up instead of queueing every query behind it.",
      source: "policy",
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}

export function applyStagePolicy(stage: StageKind, sql: string): Finding[] {
  return policyFindings(stage, analyseSql(sql));
}
