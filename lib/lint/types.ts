export type StageKind = "EXPAND" | "MIGRATE" | "CONTRACT";

export type Severity = "error" | "warning" | "proof";

export interface Finding {
  // e.g. "drop-column", "missing-lock-timeout", "syntax-error", or a squawk rule name
  rule: string;
  // 1-based line in the stage SQL
  line: number;
  // "proof" = allowed in Contract but requires the Contract proof items
  severity: Severity;
  message: string;
  advice?: string;
  source: "policy" | "squawk";
}

export interface LintResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  requiresProof: boolean;
}
