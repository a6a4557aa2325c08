import type { OperationKind } from "@/lib/lint/operations";
import { runSquawk } from "@/lib/lint/squawk";
import { type Analysis, analyseSql, policyFindings } from "@/lib/lint/stage-policy";
import type { Finding, LintResult, StageKind } from "@/lib/lint/types";

// The migration risk check of one stage's SQL: squawk's findings merged with the stage policy's.
// Where both speak about the same statement, the policy wins, because only it knows the stage
// (a DROP COLUMN is an error in Expand but expected, with proof, in Contract).

// squawk 2.66 rules that say what a policy class says, and the classes that cover them.
const COVERED_BY_POLICY: Record<string, readonly OperationKind[]> = {
  "ban-drop-column": ["drop-column"],
  "ban-drop-table": ["drop-table"],
  "renaming-column": ["rename-column"],
  "renaming-table": ["rename-table"],
  "changing-column-type": ["change-column-type"],
  "adding-not-nullable-field": ["set-not-null"],
  "require-concurrent-index-creation": ["create-index-non-concurrent"],
  "require-concurrent-index-deletion": ["drop-index-non-concurrent"],
  "disallowed-unique-constraint": ["create-index-non-concurrent"],
  "adding-serial-primary-key-field": ["create-index-non-concurrent"],
  "adding-required-field": ["add-required-column"],
  "adding-foreign-key-constraint": ["constraint-without-not-valid"],
  "constraint-missing-not-valid": ["constraint-without-not-valid", "create-index-non-concurrent"],
};

// squawk points at the clause, the policy at the statement's first line: match on every line the
// statement spans. Operations the policy let pass (on a table created just before) still cover,
// so squawk does not bring back what the policy decided is harmless.
function coveredRules(analysis: Analysis): (finding: Finding) => boolean {
  const kindsByLine = new Map<number, Set<OperationKind>>();
  for (const operation of analysis.operations) {
    for (let line = operation.line; line <= operation.endLine; line++) {
      const kinds = kindsByLine.get(line) ?? new Set<OperationKind>();
      kinds.add(operation.kind);
      kindsByLine.set(line, kinds);
    }
  }
  return (finding) => (COVERED_BY_POLICY[finding.rule] ?? []).some((kind) => kindsByLine.get(finding.line)?.has(kind));
}

const BOTH_GAVE_UP = "Neither squawk nor PostgreSQL's parser could check this SQL: it is nested too deeply for them.";

export function lintSummary(findings: Finding[]): LintResult {
  return {
    findings,
    errors: findings.filter((finding) => finding.severity === "error").length,
    warnings: findings.filter((finding) => finding.severity === "warning").length,
    requiresProof: findings.some((finding) => finding.severity === "proof"),
  };
}

export async function checkStageSql(stage: StageKind, sql: string): Promise<LintResult> {
  if (sql.trim() === "") return lintSummary([]);
  // The policy works while squawk runs in its own process.
  const squawkRun = runSquawk(sql);
  const analysis = analyseSql(sql);
  const squawk = await squawkRun;
  // PostgreSQL's own grammar is the one the SQL will run against: where it stops is the whole answer.
  if (analysis.syntaxError && !analysis.syntaxError.tooComplex) return lintSummary(policyFindings(stage, analysis));
  // squawk's parser is its own; until it reads the SQL too, its findings would be guesses.
  const syntaxErrors = squawk.filter((finding) => finding.rule === "syntax-error");
  if (syntaxErrors.length > 0) return lintSummary(syntaxErrors);
  const squawkFailure = squawk.find((finding) => finding.rule === "squawk-failed");
  if (analysis.syntaxError && squawkFailure) return lintSummary([{ ...squawkFailure, message: BOTH_GAVE_UP }]);
  const covered = coveredRules(analysis);
  const findings = [...policyFindings(stage, analysis), ...squawk.filter((finding) => !covered(finding))];
  return lintSummary(findings.sort((a, b) => a.line - b.line));
}
