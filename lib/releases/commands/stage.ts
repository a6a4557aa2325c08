import { releaseTarget, type ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { getReleaseAccess } from "@/lib/releases/access";
import { assertAssignments } from "@/lib/releases/assignment-guard";
import { changedFields, editPlan, planAudit } from "@/lib/releases/plan-guard";
import { stageSchema } from "@/lib/releases/schemas";
import { STARTED_SQL_FIXED } from "@/lib/releases/stage-rules";

export const updateStage: ActionConfig<typeof stageSchema, { version: number }> = {
  name: "stage.update",
  input: stageSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, stageId, expectedVersion, reassignReason, ...next } = ctx.input;
    const edit = await editPlan(ctx, releaseId, { expectedVersion });
    // Roles and status as they were before this edit, read under the row lock editPlan took.
    const access = (await getReleaseAccess(ctx.tx, releaseId))!;
    const before = await ctx.tx.stage.findFirst({
      where: { id: stageId, releaseId },
      select: { kind: true, status: true, ownerId: true, sql: true, rollbackNote: true, exitCriteria: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "That stage is not part of this release.");
    // What a started stage's SQL claims is what its schema check holds the target to: changing it
    // mid-stage would turn a failing check green without the decision owner's override.
    if (before.status !== "PENDING" && next.sql !== undefined && next.sql !== before.sql) {
      throw new AppError("CONFLICT", STARTED_SQL_FIXED, { sql: [STARTED_SQL_FIXED] });
    }
    if (next.ownerId && !(await ctx.tx.user.count({ where: { id: next.ownerId, disabledAt: null } }))) {
      throw new AppError("INVALID", "Choose an owner who has an active account.", { ownerId: ["Choose an owner who has an active account"] });
    }
    const ownerChanged = (before.ownerId ?? null) !== (next.ownerId ?? null);
    const { reasonRequired } = assertAssignments(
      ctx.user,
      { ...access, status: edit.statusChange?.from ?? edit.status },
      ownerChanged ? [{ what: "stageOwner", field: "ownerId" }] : [],
      reassignReason,
    );
    await ctx.tx.stage.update({ where: { id: stageId }, data: next });
    const diff = changedFields(before, next);
    const reason = reasonRequired ? { reassignReason } : {};
    await planAudit(ctx, edit, {
      action: "stage.updated",
      releaseId,
      before: { stage: before.kind, ...diff?.before },
      after: { stage: before.kind, ...diff?.after, ...reason },
    });
    return { version: edit.version };
  },
  revalidate: (input) => [`/releases/${input.releaseId}`],
};
