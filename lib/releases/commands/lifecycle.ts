import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import { lockReleaseStatus } from "@/lib/releases/lock";
import { AppError } from "@/lib/errors";
import { gatherReadiness } from "@/lib/releases/readiness-data";
import { abandonSchema, drillSchema, markReadySchema, releaseIdSchema } from "@/lib/releases/schemas";
import { assertPlanEditable, assertTransition, type ReleaseStatus } from "@/lib/releases/status";
import { enqueueWebhooks } from "@/lib/notify/webhooks";
import { closeIncident } from "@/lib/incidents/open";

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}`, "/releases"];

// Locks the release row so no plan edit slips in between checking and changing the status.
const lockStatus = (ctx: ActionContext<unknown>, releaseId: string) => lockReleaseStatus(ctx.tx, releaseId);

async function setStatus(ctx: ActionContext<unknown>, releaseId: string, from: ReleaseStatus, to: ReleaseStatus, detail: Record<string, unknown> = {}) {
  await ctx.tx.release.update({ where: { id: releaseId }, data: { status: to, version: { increment: 1 } } });
  await ctx.audit({ action: "release.status_changed", releaseId, before: { status: from }, after: { status: to, ...detail } });
}

export const markReady: ActionConfig<typeof markReadySchema, { status: ReleaseStatus }> = {
  name: "release.mark_ready",
  input: markReadySchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, overrideReason } = ctx.input;
    const status = await lockStatus(ctx, releaseId);
    assertTransition(status, "READY");
    const readiness = await gatherReadiness(ctx.tx, releaseId, overrideReason);
    if (readiness.lintErrors > 0 && !overrideReason) {
      throw new AppError("INVALID", "Lint errors remain.", {
        overrideReason: [
          `${readiness.lintErrors} lint error${readiness.lintErrors > 1 ? "s" : ""} remain: fix them, or write why it is safe to go ahead anyway`,
        ],
      });
    }
    const failing = readiness.checks.filter((check) => !check.ok);
    if (failing.length) throw new AppError("CONFLICT", `Not ready yet: ${failing.map((check) => check.reason).join(" ")}`);
    const lintOverrideReason = readiness.lintErrors > 0 ? overrideReason : null;
    await ctx.tx.release.update({ where: { id: releaseId }, data: { lintOverrideReason } });
    await setStatus(ctx, releaseId, status, "READY", lintOverrideReason ? { lintOverrideReason, lintErrors: readiness.lintErrors } : {});
    return { status: "READY" };
  },
  revalidate,
};

export const returnToDraft: ActionConfig<typeof releaseIdSchema, { status: ReleaseStatus }> = {
  name: "release.return_to_draft",
  input: releaseIdSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const status = await lockStatus(ctx, ctx.input.releaseId);
    assertTransition(status, "DRAFT");
    await setStatus(ctx, ctx.input.releaseId, status, "DRAFT");
    return { status: "DRAFT" };
  },
  revalidate,
};

// An outcome ends the release for good: abandoned (from a draft on), or rolled back once the deploy
// has started. The decision owner's record, or an admin's; it tells the webhooks with a link.
function outcome(name: string, to: "ABANDONED" | "ROLLED_BACK", verb: string): ActionConfig<typeof abandonSchema, { status: ReleaseStatus }> {
  return {
    name,
    input: abandonSchema,
    permission: "outcome",
    target: releaseTarget,
    async run(ctx) {
      const { releaseId, reason } = ctx.input;
      const status = await lockStatus(ctx, releaseId);
      assertTransition(status, to);
      const { title } = await ctx.tx.release.update({ where: { id: releaseId }, data: { finishedAt: new Date() }, select: { title: true } });
      await setStatus(ctx, releaseId, status, to, { reason });
      await closeIncident(ctx.tx, releaseId, ctx.user.name, to === "ROLLED_BACK" ? "Marked rolled back" : "Release abandoned", ctx.audit);
      await enqueueWebhooks(ctx.tx, {
        type: "outcome",
        releaseId,
        releaseTitle: title,
        text: `${ctx.user.name} ${verb} “${title}”: ${reason}`,
        data: { status: to, reason, actor: ctx.user.name },
      });
      return { status: to };
    },
    revalidate: (input) => [...revalidate(input), `/releases/${input.releaseId}/cockpit`],
  };
}

export const abandonRelease = outcome("release.abandon", "ABANDONED", "abandoned");
export const markRolledBack = outcome("release.mark_rolled_back", "ROLLED_BACK", "marked as rolled back");

export const recordDrill: ActionConfig<typeof drillSchema, { id: string }> = {
  name: "drill.record",
  input: drillSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, performedOn, result, notes } = ctx.input;
    assertPlanEditable(await lockStatus(ctx, releaseId));
    const drill = await ctx.tx.rollbackDrill.create({
      data: { releaseId, performedOn: new Date(`${performedOn}T00:00:00Z`), result, notes, recordedById: ctx.user.id },
      select: { id: true },
    });
    await ctx.audit({ action: "drill.recorded", releaseId, after: { drillId: drill.id, performedOn, result, notes } });
    return drill;
  },
  revalidate,
};
