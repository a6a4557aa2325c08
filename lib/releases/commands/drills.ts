import { releaseTarget, type ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { editPlan, planAudit } from "@/lib/releases/plan-guard";
import { drillIdSchema } from "@/lib/releases/schemas";
import { formatDate } from "@/lib/format/time";

// Removing a rollback drill (recording one is lib/releases/commands/lifecycle.ts recordDrill).
// A drill is evidence for readiness, so only whoever recorded it, or an admin, may take it back;
// other plan editors record a newer drill instead. Removal is a plan edit: a READY plan goes back
// to DRAFT, because its readiness rested on the drills it had.

export const removeDrill: ActionConfig<typeof drillIdSchema, { id: string }> = {
  name: "drill.remove",
  input: drillIdSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, drillId } = ctx.input;
    // The release row is locked first, so two removals of one drill cannot both get past the read.
    const edit = await editPlan(ctx, releaseId, { bumpVersion: false });
    const drill = await ctx.tx.rollbackDrill.findFirst({
      where: { id: drillId, releaseId },
      select: { performedOn: true, result: true, notes: true, recordedById: true },
    });
    if (!drill) throw new AppError("NOT_FOUND", "That drill no longer exists; someone may have removed it.");
    if (drill.recordedById !== ctx.user.id && ctx.user.role !== "ADMIN") {
      throw new AppError("FORBIDDEN", "Only the person who recorded this drill, or an admin, can remove it.");
    }
    await ctx.tx.rollbackDrill.delete({ where: { id: drillId } });
    await planAudit(ctx, edit, {
      action: "drill.removed",
      releaseId,
      before: { drillId, performedOn: formatDate(drill.performedOn), result: drill.result, notes: drill.notes, recordedById: drill.recordedById },
    });
    return { id: drillId };
  },
  revalidate: (input) => [`/releases/${input.releaseId}`, "/releases"],
};
