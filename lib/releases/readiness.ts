import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL, STAGE_LABEL, type DeployStyleName, type RunbookRoleName, type StageKindName } from "@/lib/releases/template";

// The computed readiness checks of PRODUCT.md. Pure: the caller gathers lint results and the
// provider's answer; this decides, and says why in words, with a link to what fixes it.

export interface ReadinessInput {
  stages: { kind: StageKindName; ownerId: string | null; rollbackNote: string; lintErrors: number; requiresProof: boolean; proofItems: number }[];
  decisionOwnerId: string | null;
  backupOwnerId: string | null;
  runbook: { role: RunbookRoleName; assigneeId: string | null }[];
  flag: { key: string; environment: string; provider: { ok: boolean; message: string } };
  lintOverrideReason: string | null;
  criteria: number;
  // recordedAt breaks the tie between drills of one day: the one recorded last is the latest.
  drills: { result: "PASSED" | "FAILED"; performedOn: Date; recordedAt: Date }[];
  // Contract's proofs that Switchback computes (lib/proofs): what it drops, the target whose
  // pg_stat_statements shows the old columns unread, and the business cycle's length.
  computedProofs?: { kinds: ("old_columns_unread" | "business_cycle")[]; drops: string[]; targetName: string | null; cycleDays: number };
}

export type CheckId = "stage-owners" | "rollback-notes" | "decision-owners" | "runbook" | "flag" | "lint" | "contract-proof" | "criteria" | "drill";

export interface ReadinessCheck {
  id: CheckId;
  label: string;
  ok: boolean;
  reason: string;
  fix: { href: string; label: string };
}

// The one thing each deploy style asks of the plan, said where the plan is read; the style's
// checklist items (template.ts) are how it is shown.
export const DEPLOY_STYLE_HINT: Record<DeployStyleName, string> = {
  ROLLING: "Rolling: old and new instances run side by side, so both must read and write every row the migration touches.",
  BLUE_GREEN: "Blue-green: keep every row readable by blue until the cutover is declared stable, so switching back still works.",
  CANARY: "Canary: name the slice and watch its new writes before widening.",
};

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

export function computeReadiness(input: ReadinessInput): { ready: boolean; checks: ReadinessCheck[] } {
  const noOwner = input.stages.filter((s) => !s.ownerId).map((s) => STAGE_LABEL[s.kind]);
  const noNote = input.stages.filter((s) => !s.rollbackNote.trim()).map((s) => STAGE_LABEL[s.kind]);
  const firstStageMissing = (kinds: string[]) => `#stage-${(input.stages.find((s) => kinds.includes(STAGE_LABEL[s.kind]))?.kind ?? "EXPAND").toLowerCase()}`;
  const unassigned = RUNBOOK_ROLES.filter((role) => !input.runbook.some((step) => step.role === role && step.assigneeId));
  const lintErrors = input.stages.reduce((sum, s) => sum + s.lintErrors, 0);
  const contract = input.stages.find((s) => s.kind === "CONTRACT");
  const latestDrill = [...input.drills].sort((a, b) => b.performedOn.getTime() - a.performedOn.getTime() || b.recordedAt.getTime() - a.recordedAt.getTime())[0];

  const checks: ReadinessCheck[] = [
    {
      id: "stage-owners",
      label: "Every stage has an owner",
      ok: noOwner.length === 0,
      reason: noOwner.length ? `${list(noOwner)} ${noOwner.length > 1 ? "have" : "has"} no owner.` : "All three stages have an owner.",
      fix: { href: firstStageMissing(noOwner), label: "Assign stage owners" },
    },
    {
      id: "rollback-notes",
      label: "Every stage has a rollback note",
      ok: noNote.length === 0,
      reason: noNote.length ? `${list(noNote)} ${noNote.length > 1 ? "have" : "has"} no rollback note.` : "Every stage says how it is undone.",
      fix: { href: firstStageMissing(noNote), label: "Write rollback notes" },
    },
    decisionCheck(input),
    {
      id: "runbook",
      label: "All runbook roles are assigned",
      ok: unassigned.length === 0,
      reason: unassigned.length
        ? `Nobody is assigned to: ${list(unassigned.map((r) => RUNBOOK_ROLE_LABEL[r].toLowerCase()))}.`
        : "All four roles have someone.",
      fix: { href: "#runbook", label: "Assign the runbook" },
    },
    flagCheck(input),
    {
      id: "lint",
      label: "No unresolved lint errors",
      ok: lintErrors === 0 || !!input.lintOverrideReason?.trim(),
      reason:
        lintErrors === 0
          ? "The migration risk check found no errors."
          : input.lintOverrideReason?.trim()
            ? `${lintErrors} lint error${lintErrors > 1 ? "s" : ""}, overridden: “${input.lintOverrideReason.trim()}”`
            : `${lintErrors} lint error${lintErrors > 1 ? "s" : ""} in the stage SQL. Fix them, or give a reason to override when marking ready.`,
      fix: { href: firstStageMissing(input.stages.filter((s) => s.lintErrors > 0).map((s) => STAGE_LABEL[s.kind])), label: "See the findings" },
    },
    contractProofCheck(contract, input.computedProofs),
    {
      id: "criteria",
      label: "At least one go/stop criterion",
      ok: input.criteria > 0,
      reason:
        input.criteria > 0
          ? `${input.criteria} ${input.criteria === 1 ? "criterion" : "criteria"} defined.`
          : "No go/stop criterion: nobody would know when to stop.",
      fix: { href: "#criteria", label: "Add a criterion" },
    },
    {
      id: "drill",
      label: "A rollback drill is recorded",
      ok: latestDrill?.result === "PASSED",
      reason: !latestDrill
        ? "No rollback drill recorded."
        : latestDrill.result === "PASSED"
          ? `Drill passed on ${latestDrill.performedOn.toISOString().slice(0, 10)}.`
          : `The latest drill (${latestDrill.performedOn.toISOString().slice(0, 10)}) failed; record a passing one.`,
      fix: { href: "#drills", label: "Record a drill" },
    },
  ];
  return { ready: checks.every((check) => check.ok), checks };
}

// Computed proofs count as proof items: Switchback judges them instead of a tick. They are
// computed only for a release that watches a target database; without one they are ticked.
function contractProofCheck(contract: ReadinessInput["stages"][number] | undefined, computed: ReadinessInput["computedProofs"]): ReadinessCheck {
  const fix = { href: "#stage-contract", label: "Add proof items to Contract" };
  const base = { id: "contract-proof" as const, label: "Contract drops come with proof items", fix };
  if (!contract?.requiresProof) return { ...base, ok: true, reason: "Contract drops nothing." };
  if (contract.proofItems === 0) return { ...base, ok: false, reason: "Contract drops something but its checklist has no proof items." };
  const kinds = computed?.kinds ?? [];
  const parts = [
    ...(kinds.includes("old_columns_unread") && computed?.targetName ? [`“old columns unread” from ${computed.targetName}'s pg_stat_statements`] : []),
    ...(kinds.includes("business_cycle") && computed?.targetName ? [`the ${computed.cycleDays}-day business cycle`] : []),
  ];
  const ticked = contract.proofItems - parts.length;
  const tickedText = `${ticked} proof item${ticked === 1 ? "" : "s"} must be ticked before it runs`;
  const noTarget =
    kinds.length > 0 && !computed?.targetName ? " (with a target database, Switchback would compute the old columns unread and the business cycle)" : "";
  if (parts.length === 0) return { ...base, ok: true, reason: `Contract drops something; its ${tickedText}${noTarget}.` };
  const drops = computed!.drops.length ? `Contract drops ${list(computed!.drops)}` : "Contract drops something";
  return { ...base, ok: true, reason: `${drops}; Switchback computes ${list(parts)}${ticked > 0 ? `; ${tickedText}` : ""}.` };
}

function decisionCheck(input: ReadinessInput): ReadinessCheck {
  const { decisionOwnerId: owner, backupOwnerId: backup } = input;
  const reason =
    !owner && !backup
      ? "No decision owner and no backup."
      : !owner
        ? "No decision owner."
        : !backup
          ? "No backup decision owner."
          : owner === backup
            ? "The decision owner and the backup are the same person."
            : "Decision owner and backup are two different people.";
  return {
    id: "decision-owners",
    label: "Decision owner and backup are set and different",
    ok: !!owner && !!backup && owner !== backup,
    reason,
    fix: { href: "#release-details", label: "Choose the decision owners" },
  };
}

function flagCheck(input: ReadinessInput): ReadinessCheck {
  const configured = !!input.flag.key.trim() && !!input.flag.environment.trim();
  return {
    id: "flag",
    label: "The flag is configured and its provider answers",
    ok: configured && input.flag.provider.ok,
    reason: configured ? input.flag.provider.message : "No feature flag is configured: the flag is the rollback.",
    fix: { href: "#release-details", label: "Configure the flag" },
  };
}
