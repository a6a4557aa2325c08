import type { ActionConfig, ActionContext } from "@/lib/action";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changedFields, editPlan, planAudit } from "@/lib/releases/plan-guard";
import { releaseDetailsSchema } from "@/lib/releases/schemas";

const FIELDS = {
  title: true,
  service: true,
  summary: true,
  deployStyle: true,
  windowStart: true,
  windowEnd: true,
  flagProvider: true,
  flagKey: true,
  flagEnvironment: true,
  decisionOwnerId: true,
  backupOwnerId: true,
  autoStopEnabled: true,
  autoStopAfter: true,
} as const;

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

export const updateReleaseDetails: ActionConfig<typeof releaseDetailsSchema, { version: number }> = {
  name: "release.update_details",
  input: releaseDetailsSchema,
  permission: "plan.edit",
  target: (input) => ({ releaseId: input.releaseId }),
  async run(ctx) {
    const { releaseId, expectedVersion, ...next } = ctx.input;
    await assertActiveUsers(ctx.tx, [next.decisionOwnerId, next.backupOwnerId]);
    const edit = await editPlan(ctx, releaseId, { expectedVersion });
    const before = await ctx.tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: FIELDS });
    await ctx.tx.release.update({ where: { id: releaseId }, data: next });
    const diff = changedFields(before, next);
    const flagCreated = next.flagProvider === "BUILTIN" && next.flagKey ? await ensureBuiltinFlag(ctx, next.flagKey, next.flagEnvironment) : null;
    await planAudit(ctx, edit, { action: "release.updated", releaseId, before: diff?.before ?? {}, after: { ...diff?.after, ...(flagCreated ? { flagCreated } : {}) } });
    return { version: edit.version };
  },
  revalidate: (input) => [`/releases/${input.releaseId}`, "/releases"],
};
