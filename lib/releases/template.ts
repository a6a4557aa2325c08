// The expand → migrate → contract template every new plan starts from, written from the practice
// in PRODUCT.md. Proof items are what Contract must show before anything is dropped.

export type StageKindName = "EXPAND" | "MIGRATE" | "CONTRACT";
export type RunbookRoleName = "DISABLE_FEATURE" | "DATABASE_HEALTH" | "ERROR_TRACKING" | "DECISION";

export interface TemplateItem {
  text: string;
  isProof?: boolean;
  // A proof Switchback computes rather than takes on trust (lib/proofs): the item shows its
  // computed state and gates Contract instead of a tick.
  computedProof?: "old_columns_unread" | "business_cycle";
}

/** A template item as a checklist_items row of a new plan. */
export const templateItemRow = (item: TemplateItem, position: number) => ({
  text: item.text,
  isProof: item.isProof ?? false,
  computedProof: item.computedProof ?? null,
  position,
});

export const STAGE_ORDER: StageKindName[] = ["EXPAND", "MIGRATE", "CONTRACT"];

export const STAGE_LABEL: Record<StageKindName, string> = { EXPAND: "Expand", MIGRATE: "Migrate", CONTRACT: "Contract" };

export const STAGE_PURPOSE: Record<StageKindName, string> = {
  EXPAND: "Add the new schema in a backward-compatible way. Old code keeps working.",
  MIGRATE: "Backfill in small batches, dual-write, validate, then switch reads behind the flag.",
  CONTRACT: "Remove the old schema only after proof that nothing depends on it.",
};

export const STAGE_CHECKLIST: Record<StageKindName, TemplateItem[]> = {
  EXPAND: [
    { text: "New columns are nullable or have a default" },
    { text: "Indexes are created CONCURRENTLY" },
    { text: "lock_timeout is set for every DDL statement" },
    { text: "The previous app version ran against a copy of the expanded schema" },
  ],
  MIGRATE: [
    { text: "Backfill runs in small batches with checkpoints and can be paused" },
    { text: "Dual-write is on: new rows are written in both shapes" },
    { text: "Divergence between old and new columns is checked and zero" },
    { text: "Workers, cron jobs and queues handle both shapes" },
    { text: "Reads are switched behind the feature flag" },
  ],
  CONTRACT: [
    { text: "Proof: the old columns are no longer read (query logs or column-level stats)", isProof: true, computedProof: "old_columns_unread" },
    { text: "Proof: one full business cycle has passed since reads switched", isProof: true, computedProof: "business_cycle" },
    { text: "The flag has been on for everyone with no rollback" },
    { text: "A backup or snapshot from before the drop is kept" },
  ],
};

export type DeployStyleName = "ROLLING" | "BLUE_GREEN" | "CANARY";

// What each deploy style adds to the practice, in the stage where it must be true: rolling runs
// both app versions against the same rows at once; blue-green keeps blue able to take traffic
// back until the cutover is stable; canary exposes the new writes on a small slice first.
export const STYLE_CHECKLIST: Record<DeployStyleName, Record<StageKindName, TemplateItem[]>> = {
  ROLLING: {
    EXPAND: [{ text: "Old and new app versions both read and write every row the migration touches" }],
    MIGRATE: [{ text: "Dual-write covers rows written by old instances mid-rollout" }],
    CONTRACT: [{ text: "Proof: the rollout has finished and no instance runs the old version", isProof: true }],
  },
  BLUE_GREEN: {
    EXPAND: [{ text: "Blue (old) can still read every row green writes until the cutover is declared stable" }],
    MIGRATE: [{ text: "Rollback to blue keeps working after green has written data" }],
    CONTRACT: [{ text: "Proof: the cutover is declared stable and blue is retired", isProof: true }],
  },
  CANARY: {
    EXPAND: [],
    MIGRATE: [
      { text: "The canary slice is small and named (e.g. 5 % of traffic)" },
      { text: "New writes from the canary are checked for divergence before widening" },
    ],
    CONTRACT: [{ text: "Proof: the canary was widened to all traffic with no divergence", isProof: true }],
  },
};

// The checklist a stage starts with under a deploy style: the practice, then the style's items.
export function stageChecklist(stage: StageKindName, style: DeployStyleName): TemplateItem[] {
  return [...STAGE_CHECKLIST[stage], ...STYLE_CHECKLIST[style][stage]];
}

export const STAGE_EXIT_CRITERIA: Record<StageKindName, string> = {
  EXPAND: "New schema deployed; the previous app version still passes its smoke tests.",
  MIGRATE: "Backfill complete, divergence zero, reads served from the new shape for a full day.",
  CONTRACT: "Old schema removed; no errors referencing it for a day.",
};

export const RUNBOOK_ROLES: RunbookRoleName[] = ["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"];

export const RUNBOOK_ROLE_LABEL: Record<RunbookRoleName, string> = {
  DISABLE_FEATURE: "Disables the feature",
  DATABASE_HEALTH: "Checks database health",
  ERROR_TRACKING: "Watches error tracking",
  DECISION: "Calls continue or stop",
};

export const RUNBOOK_DEFAULT_STEPS: Record<RunbookRoleName, string[]> = {
  DISABLE_FEATURE: ["Turn the feature flag off in Switchback", "Confirm the flag reads off from the provider"],
  DATABASE_HEALTH: ["Check lock waits and long-running queries", "Check replica lag and connection count"],
  ERROR_TRACKING: ["Watch new error groups for the service", "Report the error rate every two minutes"],
  DECISION: ["Call continue or stop at the decision point", "Record the decision and its reason in Switchback"],
};

// The step Switchback ticks itself in an incident once the flag provider reads OFF.
export const FLAG_OFF_STEP = RUNBOOK_DEFAULT_STEPS.DISABLE_FEATURE[0];

// Every default step as a row of a new plan, the flag step marked as Switchback's to check.
export function runbookTemplateSteps() {
  return RUNBOOK_ROLES.flatMap((role) =>
    RUNBOOK_DEFAULT_STEPS[role].map((text, position) => ({ role, text, position, autoCheck: text === FLAG_OFF_STEP ? ("FLAG_OFF" as const) : null })),
  );
}
