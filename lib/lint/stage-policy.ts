import { classifyStatement, type Operation, type OperationKind } from "@/lib/lint/classify";
import { describeOperation } from "@/lib/lint/policy-messages";
import { splitStatements } from "@/lib/lint/statements";
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
}

const DROPS: ReadonlySet<OperationKind> = new Set(["drop-column", "drop-table", "drop-index"]);

export function analyseSql(sql: string): Analysis {
  const analysis: Analysis = { operations: [] };
  const created = new Set<string>();
  const validated = new Set<string>();
  let guarded = false;
  let seenDdl = false;
  for (const statement of splitStatements(sql)) {
    const facts = classifyStatement(statement.tokens);
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

export function policyFindings(stage: StageKind, analysis: Analysis): Finding[] {
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
