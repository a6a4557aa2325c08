import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import { isEnded } from "@/lib/releases/status";
import { lockReleaseIf } from "@/lib/releases/lock";
import { AppError } from "@/lib/errors";
import { editPlan, planAudit } from "@/lib/releases/plan-guard";
import { releaseProofs, tickCounts } from "@/lib/proofs/release-proofs";
import { addChecklistItemSchema, checklistItemSchema, editChecklistItemSchema, moveChecklistItemSchema, tickChecklistItemSchema } from "@/lib/releases/schemas";

// Checklist items change one at a time and never overwrite each other: adding and ticking need
// no version; editing text states the text it replaces, so a concurrent edit is a conflict.

const ITEM_EDIT = { bumpVersion: false } as const;

const COMPUTED_TICK_REFUSAL: Record<string, string> = {
  old_columns_unread: "Switchback computes this proof from the target database's pg_stat_statements; it is not ticked by hand.",
  business_cycle: "Switchback computes this proof from the business cycle, counted from Migrate's completion; it is not ticked by hand.",
};

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}`, `/releases/${input.releaseId}/cockpit`];

async function findItem(ctx: ActionContext<unknown>, releaseId: string, itemId: string) {
  const item = await ctx.tx.checklistItem.findFirst({
    where: { id: itemId, stage: { releaseId } },
    select: { id: true, text: true, done: true, isProof: true, computedProof: true, position: true, stageId: true, stage: { select: { kind: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", "That checklist item no longer exists; someone may have removed it.");
  return item;
}

export const addChecklistItem: ActionConfig<typeof addChecklistItemSchema, { id: string }> = {
  name: "checklist.add",
  input: addChecklistItemSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, stageId, text, isProof } = ctx.input;
    const stage = await ctx.tx.stage.findFirst({ where: { id: stageId, releaseId }, select: { kind: true } });
    if (!stage) throw new AppError("NOT_FOUND", "That stage is not part of this release.");
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const last = await ctx.tx.checklistItem.aggregate({ where: { stageId }, _max: { position: true } });
    const item = await ctx.tx.checklistItem.create({
      data: { stageId, text, isProof, position: (last._max.position ?? -1) + 1 },
      select: { id: true },
    });
    await planAudit(ctx, edit, { action: "checklist.item_added", releaseId, after: { stage: stage.kind, itemId: item.id, text, isProof } });
    return item;
  },
  revalidate,
};

export const editChecklistItem: ActionConfig<typeof editChecklistItemSchema, { id: string }> = {
  name: "checklist.edit",
  input: editChecklistItemSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, itemId, text, expectedText } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const item = await findItem(ctx, releaseId, itemId);
    if (item.text !== expectedText) {
      throw new AppError("CONFLICT", `Someone else changed this item to “${item.text}” after you opened it. Your text was not saved.`);
    }
    await ctx.tx.checklistItem.update({ where: { id: itemId }, data: { text } });
    await planAudit(ctx, edit, {
      action: "checklist.item_edited",
      releaseId,
      before: { stage: item.stage.kind, itemId, text: item.text },
      after: { stage: item.stage.kind, itemId, text },
    });
    return { id: itemId };
  },
  revalidate,
};

export const removeChecklistItem: ActionConfig<typeof checklistItemSchema, { id: string }> = {
  name: "checklist.remove",
  input: checklistItemSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, itemId } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const item = await findItem(ctx, releaseId, itemId);
    // Once the deploy has started, a computed proof's item stays: the plan says what Contract waits for.
    if (item.computedProof && edit.status !== "DRAFT") {
      throw new AppError(
        "CONFLICT",
        `“${item.text}” is a proof Switchback computes, and this release's deploy has started: it stays on the checklist until Contract completes.`,
      );
    }
    await ctx.tx.checklistItem.delete({ where: { id: itemId } });
    await planAudit(ctx, edit, {
      action: "checklist.item_removed",
      releaseId,
      before: { stage: item.stage.kind, itemId, text: item.text, done: item.done, isProof: item.isProof },
    });
    return { id: itemId };
  },
  revalidate,
};

export const moveChecklistItem: ActionConfig<typeof moveChecklistItemSchema, { id: string }> = {
  name: "checklist.move",
  input: moveChecklistItemSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, itemId, direction } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const item = await findItem(ctx, releaseId, itemId);
    // The neighbour is read from the database, not the caller's possibly stale list.
    const neighbour = await ctx.tx.checklistItem.findFirst({
      where: { stageId: item.stageId, position: direction === "up" ? { lt: item.position } : { gt: item.position } },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) throw new AppError("CONFLICT", `That item is already ${direction === "up" ? "first" : "last"}.`);
    await ctx.tx.checklistItem.update({ where: { id: neighbour.id }, data: { position: item.position } });
    await ctx.tx.checklistItem.update({ where: { id: itemId }, data: { position: neighbour.position } });
    await planAudit(ctx, edit, {
      action: "checklist.item_moved",
      releaseId,
      before: { stage: item.stage.kind, itemId, position: item.position },
      after: { stage: item.stage.kind, itemId, position: neighbour.position },
    });
    return { id: itemId };
  },
  revalidate,
};

export const tickChecklistItem: ActionConfig<typeof tickChecklistItemSchema, { done: boolean; doneAt: Date | null }> = {
  name: "checklist.tick",
  input: tickChecklistItemSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, itemId, done } = ctx.input;
    await lockReleaseIf(ctx.tx, releaseId, (status) => !isEnded(status), "This release is finished; its checklist can no longer change.", "share");
    const item = await findItem(ctx, releaseId, itemId);
    // A proof Switchback computes is not a person's to vouch for; unticking an old tick is allowed.
    if (done && item.computedProof && !tickCounts(await releaseProofs(ctx.tx, releaseId), item.computedProof)) {
      throw new AppError("CONFLICT", COMPUTED_TICK_REFUSAL[item.computedProof] ?? "Switchback computes this proof; it is not ticked by hand.");
    }
    const doneAt = done ? new Date() : null;
    await ctx.tx.checklistItem.update({ where: { id: itemId }, data: { done, doneAt, doneById: done ? ctx.user.id : null } });
    await ctx.audit({
      action: done ? "checklist.item_ticked" : "checklist.item_unticked",
      releaseId,
      before: { stage: item.stage.kind, itemId, text: item.text, done: item.done },
      after: { stage: item.stage.kind, itemId, text: item.text, done },
    });
    return { done, doneAt };
  },
  revalidate,
};
