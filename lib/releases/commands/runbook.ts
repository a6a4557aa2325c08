import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { editPlan, planAudit } from "@/lib/releases/plan-guard";
import { addRunbookStepSchema, assignRunbookRoleSchema, editRunbookStepSchema, runbookStepSchema } from "@/lib/releases/schemas";

const ITEM_EDIT = { bumpVersion: false } as const;
const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}`, `/releases/${input.releaseId}/runbook`];

async function findStep(ctx: ActionContext<unknown>, releaseId: string, stepId: string) {
  const step = await ctx.tx.runbookStep.findFirst({ where: { id: stepId, releaseId }, select: { id: true, role: true, text: true } });
  if (!step) throw new AppError("NOT_FOUND", "That runbook step no longer exists; someone may have removed it.");
  return step;
}

// A role is assigned as a whole: every step of the role gets the assignee. The caller states who
// it saw assigned, so two people assigning at once cannot silently overwrite each other.
export const assignRunbookRole: ActionConfig<typeof assignRunbookRoleSchema, { assigneeId: string | null }> = {
  name: "runbook.assign",
  input: assignRunbookRoleSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, role, assigneeId, expectedAssigneeId } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    if (assigneeId && !(await ctx.tx.user.count({ where: { id: assigneeId, disabledAt: null } }))) {
      throw new AppError("INVALID", "Choose someone who has an active account.");
    }
    const steps = await ctx.tx.runbookStep.findMany({ where: { releaseId, role }, select: { assigneeId: true, assignee: { select: { name: true } } } });
    const current = steps.find((s) => s.assigneeId)?.assigneeId ?? null;
    if (current !== expectedAssigneeId) {
      const name = steps.find((s) => s.assigneeId)?.assignee?.name;
      throw new AppError("CONFLICT", `Someone else changed who does this${name ? ` (now ${name})` : ""} after you opened the page. Nothing was changed.`);
    }
    if (steps.length === 0) {
      throw new AppError("INVALID", "Add a step to this role before assigning it.");
    }
    await ctx.tx.runbookStep.updateMany({ where: { releaseId, role }, data: { assigneeId } });
    await planAudit(ctx, edit, { action: "runbook.role_assigned", releaseId, before: { role, assigneeId: current }, after: { role, assigneeId } });
    return { assigneeId };
  },
  revalidate,
};

export const addRunbookStep: ActionConfig<typeof addRunbookStepSchema, { id: string }> = {
  name: "runbook.add_step",
  input: addRunbookStepSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, role, text } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const siblings = await ctx.tx.runbookStep.findMany({
      where: { releaseId, role },
      select: { position: true, assigneeId: true },
      orderBy: { position: "desc" },
    });
    const step = await ctx.tx.runbookStep.create({
      data: { releaseId, role, text, position: (siblings[0]?.position ?? -1) + 1, assigneeId: siblings.find((s) => s.assigneeId)?.assigneeId ?? null },
      select: { id: true },
    });
    await planAudit(ctx, edit, { action: "runbook.step_added", releaseId, after: { role, stepId: step.id, text } });
    return step;
  },
  revalidate,
};

export const editRunbookStep: ActionConfig<typeof editRunbookStepSchema, { id: string }> = {
  name: "runbook.edit_step",
  input: editRunbookStepSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, stepId, text, expectedText } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const step = await findStep(ctx, releaseId, stepId);
    if (step.text !== expectedText)
      throw new AppError("CONFLICT", `Someone else changed this step to “${step.text}” after you opened it. Your text was not saved.`);
    await ctx.tx.runbookStep.update({ where: { id: stepId }, data: { text } });
    await planAudit(ctx, edit, {
      action: "runbook.step_edited",
      releaseId,
      before: { role: step.role, stepId, text: step.text },
      after: { role: step.role, stepId, text },
    });
    return { id: stepId };
  },
  revalidate,
};

export const removeRunbookStep: ActionConfig<typeof runbookStepSchema, { id: string }> = {
  name: "runbook.remove_step",
  input: runbookStepSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, stepId } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const step = await findStep(ctx, releaseId, stepId);
    await ctx.tx.runbookStep.delete({ where: { id: stepId } });
    await planAudit(ctx, edit, { action: "runbook.step_removed", releaseId, before: { role: step.role, stepId, text: step.text } });
    return { id: stepId };
  },
  revalidate,
};
