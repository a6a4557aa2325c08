import { z } from "@/lib/input/zod";
import { lockReleaseIf } from "@/lib/releases/lock";
import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { isEnded } from "@/lib/releases/status";

// The review once a release has ended: what happened in the team's words and the follow-ups with
// owners. Plan editors write it; the summary is guarded by a version so two editors never
// overwrite each other silently.

const id = z.uuid("Not a valid id");
const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}/audit/report`];

const assertEnded = (ctx: ActionContext<unknown>, releaseId: string) =>
  lockReleaseIf(ctx.tx, releaseId, isEnded, "The review is written once the release has ended; during the deploy, add notes on the cockpit.", "share");

export const reviewSummarySchema = z.object({
  releaseId: id,
  summary: z.string().trim().max(10_000, "Keep the review under 10,000 characters"),
  expectedVersion: z.number().int().min(0),
});

export const saveReviewSummary: ActionConfig<typeof reviewSummarySchema, { version: number }> = {
  name: "review.save_summary",
  input: reviewSummarySchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, summary, expectedVersion } = ctx.input;
    await assertEnded(ctx, releaseId);
    const current = await ctx.tx.releaseReview.findUnique({
      where: { releaseId },
      select: { summary: true, version: true, updatedBy: { select: { name: true } } },
    });
    if ((current?.version ?? 0) !== expectedVersion) {
      throw new AppError(
        "CONFLICT",
        `${current?.updatedBy?.name ?? "Someone"} saved the review after you opened it. Your text is still in the box: copy it, reload, and merge.`,
      );
    }
    const version = expectedVersion + 1;
    await ctx.tx.releaseReview.upsert({
      where: { releaseId },
      create: { releaseId, summary, version, updatedById: ctx.user.id },
      update: { summary, version, updatedById: ctx.user.id, updatedAt: new Date() },
    });
    await ctx.audit({ action: "review.summary_saved", releaseId, before: { summary: current?.summary ?? "" }, after: { summary } });
    return { version };
  },
  revalidate,
};

export const followUpSchema = z.object({
  releaseId: id,
  text: z.string().trim().min(1, "Say what needs doing").max(500, "Keep it under 500 characters"),
  ownerId: id.nullable(),
});

export const addFollowUp: ActionConfig<typeof followUpSchema, { id: string }> = {
  name: "review.add_follow_up",
  input: followUpSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, text, ownerId } = ctx.input;
    await assertEnded(ctx, releaseId);
    const owner = ownerId ? await ctx.tx.user.findFirst({ where: { id: ownerId, disabledAt: null }, select: { name: true } }) : null;
    if (ownerId && !owner) throw new AppError("INVALID", "Some fields need attention.", { ownerId: ["Choose someone who has an active account"] });
    const followUp = await ctx.tx.reviewFollowUp.create({ data: { releaseId, text, ownerId }, select: { id: true } });
    await ctx.audit({ action: "review.follow_up_added", releaseId, after: { followUpId: followUp.id, text, owner: owner?.name ?? null } });
    return followUp;
  },
  revalidate,
};

export const removeFollowUpSchema = z.object({ releaseId: id, followUpId: id });

export const removeFollowUp: ActionConfig<typeof removeFollowUpSchema, { id: string }> = {
  name: "review.remove_follow_up",
  input: removeFollowUpSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, followUpId } = ctx.input;
    await assertEnded(ctx, releaseId);
    const followUp = await ctx.tx.reviewFollowUp.findFirst({ where: { id: followUpId, releaseId }, select: { text: true, owner: { select: { name: true } } } });
    if (!followUp) throw new AppError("NOT_FOUND", "That follow-up is gone; someone may have removed it.");
    await ctx.tx.reviewFollowUp.delete({ where: { id: followUpId } });
    await ctx.audit({ action: "review.follow_up_removed", releaseId, before: { followUpId, text: followUp.text, owner: followUp.owner?.name ?? null } });
    return { id: followUpId };
  },
  revalidate,
};
