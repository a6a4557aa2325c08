import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ensureBackfillSwitch } from "@/lib/flags/backfill/switch";
import { getReleaseAccess } from "@/lib/releases/access";
import { assertAssignments, type AssignmentChange } from "@/lib/releases/assignment-guard";
import { assertFlagUnguarded, isFlagGuardViolation, flagTakenError } from "@/lib/releases/flag-guard";
import { changedFields, editPlan, planAudit } from "@/lib/releases/plan-guard";
import { releaseDetailsSchema } from "@/lib/releases/schemas";
import { FLAG_SETTINGS } from "@/lib/releases/select-fields";
import { swapStyleChecklist } from "@/lib/releases/style-checklist";
import { assertTargetExists, CYCLE_FROZEN, nameTargets, TARGET_FROZEN, targetFrozen } from "@/lib/releases/target-database";
import { NO_TARGET } from "@/lib/signals/sources/database/config";

const FIELDS = {
  title: true,
  service: true,
  summary: true,
  deployStyle: true,
  windowStart: true,
  windowEnd: true,
  ...FLAG_SETTINGS,
  decisionOwnerId: true,
  backupOwnerId: true,
  targetDatabaseId: true,
  targetPollSeconds: true,
  businessCycleDays: true,
} as const;

// The fields that carry authority over the release, and which rule guards each.
const GUARDED: { field: keyof typeof FIELDS; what: AssignmentChange["what"] }[] = [
  { field: "decisionOwnerId", what: "decisionOwner" },
  { field: "backupOwnerId", what: "backup" },
  { field: "fourEyes", what: "fourEyes" },
  { field: "flagProvider", what: "flag" },
  { field: "flagKey", what: "flag" },
  { field: "flagEnvironment", what: "flag" },
];

async function assertActiveUsers(tx: Tx, ids: (string | null)[]) {
  const wanted = ids.filter((id): id is string => !!id);
  if (!wanted.length) return;
  const found = await tx.user.count({ where: { id: { in: wanted }, disabledAt: null } });
  if (found !== new Set(wanted).size) throw new AppError("INVALID", "Choose people who have an active account.");
}

// A built-in kill switch must exist for the provider to answer; it starts off (feature dark).
// Returns what was created, for the edit's audit event.
async function ensureBuiltinFlag(ctx: ActionContext<unknown>, key: string, environment: string) {
  const existing = await ctx.tx.flag.findUnique({ where: { key_environment: { key, environment } }, select: { id: true } });
  if (existing) return null;
  await ctx.tx.flag.create({ data: { key, environment, enabled: false, updatedById: ctx.user.id } });
  return { provider: "BUILTIN", key, environment, enabled: false };
}

// The release's Database signals follow its target: read at its poll interval (their staleness
// too), and saying so while there is none (the watcher only reads releases that have one).
async function followTarget(tx: Tx, releaseId: string, changed: { targetPollSeconds?: number; targetDatabaseId?: unknown }) {
  const where = { releaseId, source: "DATABASE" } as const;
  if (changed.targetPollSeconds !== undefined) await tx.signal.updateMany({ where, data: { pollIntervalSeconds: changed.targetPollSeconds } });
  if (changed.targetDatabaseId === null) await tx.signal.updateMany({ where, data: { lastError: NO_TARGET } });
  else if (changed.targetDatabaseId !== undefined) await tx.signal.updateMany({ where: { ...where, lastError: NO_TARGET }, data: { lastError: null } });
}

export const updateReleaseDetails: ActionConfig<typeof releaseDetailsSchema, { version: number }> = {
  name: "release.update_details",
  input: releaseDetailsSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, expectedVersion, reassignReason, targetDatabaseId, targetPollSeconds, businessCycleDays, ...rest } = ctx.input;
    // Left out, the target and its timings stay as they are.
    const next = {
      ...rest,
      ...(targetDatabaseId === undefined ? {} : { targetDatabaseId }),
      ...(targetPollSeconds === undefined ? {} : { targetPollSeconds }),
      ...(businessCycleDays === undefined ? {} : { businessCycleDays }),
    };
    await assertActiveUsers(ctx.tx, [next.decisionOwnerId, next.backupOwnerId]);
    await assertTargetExists(ctx.tx, targetDatabaseId);
    const edit = await editPlan(ctx, releaseId, { expectedVersion });
    // Roles and status as they were before this edit, read under the row lock editPlan took.
    const access = (await getReleaseAccess(ctx.tx, releaseId))!;
    const before = await ctx.tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: FIELDS });
    const diff = await nameTargets(ctx.tx, changedFields(before, next));
    if (diff && "targetDatabaseId" in diff.after && targetFrozen(edit.statusChange?.from ?? edit.status)) {
      throw new AppError("CONFLICT", TARGET_FROZEN, { targetDatabaseId: [TARGET_FROZEN] });
    }
    if (diff && "businessCycleDays" in diff.after && targetFrozen(edit.statusChange?.from ?? edit.status)) {
      throw new AppError("CONFLICT", CYCLE_FROZEN, { businessCycleDays: [CYCLE_FROZEN] });
    }
    const changes = GUARDED.filter(({ field }) => diff && field in diff.after);
    const { reasonRequired } = assertAssignments(ctx.user, { ...access, status: edit.statusChange?.from ?? edit.status }, changes, reassignReason);
    if (next.flagProvider === "BUILTIN" && next.flagKey && changes.some((c) => c.what === "flag"))
      await assertFlagUnguarded(ctx.tx, releaseId, next.flagKey, next.flagEnvironment);
    try {
      await ctx.tx.release.update({ where: { id: releaseId }, data: next });
    } catch (error) {
      // Another release took the same flag between the check and this write.
      if (isFlagGuardViolation(error)) throw flagTakenError(next.flagKey);
      throw error;
    }
    if (diff) await followTarget(ctx.tx, releaseId, diff.after);
    const flagCreated = next.flagProvider === "BUILTIN" && next.flagKey ? await ensureBuiltinFlag(ctx, next.flagKey, next.flagEnvironment) : null;
    // Whatever provider holds the kill switch, the backfill switch is Switchback's own row.
    await ensureBackfillSwitch(ctx.tx, next.flagKey, next.flagEnvironment);
    // Only a plan still being written follows its style: once the deploy starts, items are evidence.
    const swap = diff?.after.deployStyle && edit.status === "DRAFT" ? await swapStyleChecklist(ctx.tx, releaseId, before.deployStyle, next.deployStyle) : null;
    const checklist = { ...(swap?.added.length ? { checklistAdded: swap.added } : {}), ...(swap?.removed.length ? { checklistRemoved: swap.removed } : {}) };
    const after = { ...diff?.after, ...checklist, ...(flagCreated ? { flagCreated } : {}), ...(reasonRequired ? { reassignReason } : {}) };
    await planAudit(ctx, edit, { action: "release.updated", releaseId, before: diff?.before ?? {}, after });
    return { version: edit.version };
  },
  revalidate: (input) => [`/releases/${input.releaseId}`, "/releases"],
};
