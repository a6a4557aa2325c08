import type { ActionContext } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/time";
import { assertPlanEditable, type ReleaseStatus } from "@/lib/releases/status";

// Every plan edit passes here inside its transaction: the release row is locked, the plan must
// still be editable, the caller's version must be current (optimistic concurrency), and the
// version moves on. A READY plan that changes goes back to DRAFT: readiness must be re-checked.
// Item-level edits (checklist, runbook steps, criteria) carry their own compare-and-set and do not
// move the version, so ticking and adding items never invalidates someone's open form.

export interface PlanEdit {
  version: number;
  status: ReleaseStatus;
  // Set when this edit sent a READY plan back to DRAFT; it goes into the edit's own audit event.
  statusChange: { from: ReleaseStatus; to: ReleaseStatus } | null;
}

export async function editPlan(
  ctx: ActionContext<unknown>,
  releaseId: string,
  { expectedVersion, bumpVersion = true }: { expectedVersion?: number; bumpVersion?: boolean } = {},
): Promise<PlanEdit> {
  const [row] = await ctx.tx.$queryRaw<{ status: ReleaseStatus; version: number }[]>`
    SELECT status::text AS status, version FROM releases WHERE id = ${releaseId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "That release does not exist.");
  assertPlanEditable(row.status);

  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    const last = await ctx.tx.auditEvent.findFirst({
      where: { releaseId },
      orderBy: { id: "desc" },
      select: { actorLabel: true, at: true },
    });
    const who = last ? `${last.actorLabel} changed this release at ${formatDateTime(last.at)}` : "Someone else changed this release";
    throw new AppError(
      "CONFLICT",
      `${who}, after you opened it. Your edit was not saved and is still in the form; reload to see their change, then apply yours again.`,
    );
  }

  const status: ReleaseStatus = row.status === "READY" ? "DRAFT" : row.status;
  const updated = await ctx.tx.release.update({
    where: { id: releaseId },
    data: bumpVersion ? { version: { increment: 1 }, status } : { status },
    select: { version: true },
  });
  return { version: updated.version, status, statusChange: status !== row.status ? { from: row.status, to: status } : null };
}

type Change = Record<string, unknown> | undefined;

// The one audit event of a plan edit, with the return to DRAFT in it when there was one.
export function planAudit(ctx: ActionContext<unknown>, edit: PlanEdit, event: { action: string; releaseId: string; before?: Change; after?: Change }) {
  const change = edit.statusChange;
  return ctx.audit({
    ...event,
    before: change ? { ...event.before, status: change.from } : event.before,
    after: change ? { ...event.after, status: change.to, statusReason: "The plan changed after it was marked ready." } : event.after,
  });
}

// Only the fields that changed, for the audit event's before and after.
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const oldValue = before[key];
    const newValue = after[key];
    const same = oldValue instanceof Date && newValue instanceof Date ? oldValue.getTime() === newValue.getTime() : oldValue === newValue;
    if (!same) {
      b[key] = oldValue;
      a[key] = newValue;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
