import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { editPlan, planAudit } from "@/lib/releases/plan-guard";
import { criterionIdSchema, criterionSchema } from "@/lib/releases/criterion-schema";
import { NO_TARGET } from "@/lib/signals/sources/database/config";

const ITEM_EDIT = { bumpVersion: false } as const;
const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}`, `/releases/${input.releaseId}/cockpit`];

// A criterion names its signal by key; the signal is created on first use and its name, unit and
// source follow the latest save.
export const saveCriterion: ActionConfig<typeof criterionSchema, { id: string }> = {
  name: "criterion.save",
  input: criterionSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const {
      releaseId,
      criterionId,
      signalKey,
      signalName,
      unit,
      source,
      promql,
      dbMetric,
      dbSql,
      comparator,
      warnThreshold,
      stopThreshold,
      windowSeconds,
      autoAction,
    } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const before = criterionId
      ? await ctx.tx.criterion.findFirst({
          where: { id: criterionId, releaseId },
          select: {
            comparator: true,
            warnThreshold: true,
            stopThreshold: true,
            windowSeconds: true,
            autoAction: true,
            signal: { select: { key: true, name: true, unit: true } },
          },
        })
      : null;
    if (criterionId && !before) throw new AppError("NOT_FOUND", "That criterion no longer exists; someone may have removed it.");
    // A second criterion for one signal would count it twice in the recommendation. Checked under
    // editPlan's lock on the release, so two saves cannot both slip past. Editing a criterion that
    // keeps its signal is always allowed (older plans may still hold duplicates to clean up).
    if (before?.signal.key !== signalKey) await refuseSecondCriterion(ctx, releaseId, signalKey);
    const settings = { name: signalName, unit, source, promql, dbMetric, dbSql, ...(await databaseTiming(ctx, releaseId, source)) };
    const signal = await ctx.tx.signal.upsert({
      where: { releaseId_key: { releaseId, key: signalKey } },
      create: { releaseId, key: signalKey, ...settings },
      update: settings,
      select: { id: true, source: true },
    });
    const values = { signalId: signal.id, comparator, warnThreshold, stopThreshold, windowSeconds, autoAction };
    const after = { signalKey, signalName, unit, source, promql, dbMetric, dbSql, comparator, warnThreshold, stopThreshold, windowSeconds, autoAction };

    if (!criterionId) {
      const last = await ctx.tx.criterion.aggregate({ where: { releaseId }, _max: { position: true } });
      const created = await ctx.tx.criterion.create({ data: { releaseId, ...values, position: (last._max.position ?? -1) + 1 }, select: { id: true } });
      await planAudit(ctx, edit, { action: "criterion.added", releaseId, after: { criterionId: created.id, ...after } });
      return created;
    }
    if (!before) throw new AppError("NOT_FOUND", "That criterion no longer exists; someone may have removed it.");
    await ctx.tx.criterion.update({ where: { id: criterionId }, data: values });
    await planAudit(ctx, edit, {
      action: "criterion.updated",
      releaseId,
      before: {
        criterionId,
        signalKey: before.signal.key,
        signalName: before.signal.name,
        unit: before.signal.unit,
        comparator: before.comparator,
        warnThreshold: before.warnThreshold,
        stopThreshold: before.stopThreshold,
        windowSeconds: before.windowSeconds,
        autoAction: before.autoAction,
      },
      after: { criterionId, ...after },
    });
    return { id: criterionId };
  },
  revalidate,
};

// A Database signal is read at its release's target poll interval, which its staleness follows; with
// no target yet it says so instead of waiting silently. Other sources keep their own timing.
async function databaseTiming(ctx: ActionContext<unknown>, releaseId: string, source: string) {
  if (source !== "DATABASE") return {};
  const release = await ctx.tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { targetPollSeconds: true, targetDatabaseId: true } });
  return { pollIntervalSeconds: release.targetPollSeconds, ...(release.targetDatabaseId ? {} : { lastError: NO_TARGET }) };
}

async function refuseSecondCriterion(ctx: ActionContext<unknown>, releaseId: string, signalKey: string) {
  const existing = await ctx.tx.criterion.findFirst({ where: { releaseId, signal: { key: signalKey } }, select: { signal: { select: { name: true } } } });
  if (existing)
    throw new AppError("INVALID", "Some fields need attention.", {
      signalKey: [`This release already has a criterion for ${existing.signal.name}; edit that one`],
    });
}

export const removeCriterion: ActionConfig<typeof criterionIdSchema, { id: string }> = {
  name: "criterion.remove",
  input: criterionIdSchema,
  permission: "plan.edit",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, criterionId } = ctx.input;
    const edit = await editPlan(ctx, releaseId, ITEM_EDIT);
    const criterion = await ctx.tx.criterion.findFirst({
      where: { id: criterionId, releaseId },
      select: { comparator: true, warnThreshold: true, stopThreshold: true, windowSeconds: true, autoAction: true, signal: { select: { key: true } } },
    });
    if (!criterion) throw new AppError("NOT_FOUND", "That criterion no longer exists; someone may have removed it.");
    await ctx.tx.criterion.delete({ where: { id: criterionId } });
    const { signal, ...rest } = criterion;
    await planAudit(ctx, edit, { action: "criterion.removed", releaseId, before: { criterionId, signalKey: signal.key, ...rest } });
    return { id: criterionId };
  },
  revalidate,
};
