import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

// The target database a release watches. Only a registered one may be chosen, and the audit event
// names it (an id means nothing to someone reading the trail a year later).

export async function assertTargetExists(tx: Tx, targetDatabaseId: string | null | undefined): Promise<void> {
  if (!targetDatabaseId) return;
  const found = await tx.targetDatabase.count({ where: { id: targetDatabaseId } });
  if (!found)
    throw new AppError("INVALID", "Some fields need attention.", {
      targetDatabaseId: ["That target database is no longer registered; choose another or none."],
    });
}

type Diff = { before: Record<string, unknown>; after: Record<string, unknown> };

// Adds the targets' names beside a changed targetDatabaseId.
export async function nameTargets(tx: Tx, diff: Diff | null): Promise<Diff | null> {
  if (!diff || !("targetDatabaseId" in diff.after)) return diff;
  const ids = [diff.before.targetDatabaseId, diff.after.targetDatabaseId].filter((id): id is string => typeof id === "string");
  const rows = await tx.targetDatabase.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = (id: unknown) => rows.find((row) => row.id === id)?.name ?? null;
  return {
    before: { ...diff.before, targetDatabase: name(diff.before.targetDatabaseId) },
    after: { ...diff.after, targetDatabase: name(diff.after.targetDatabaseId) },
  };
}

// The schema checks, the pg_stat_statements snapshot and the Contract proof are evidence about one
// database: once the deploy has started, pointing the release at another would mix evidence.
export const TARGET_FROZEN = "The target database is fixed once the deploy has started: its schema checks and Contract proof are evidence about that database.";

export const targetFrozen = (status: string) => status !== "DRAFT" && status !== "READY";

// The cycle the Contract proof waits for is part of that evidence: shortening it mid-deploy would
// let Contract pass without the decision owner's override.
export const CYCLE_FROZEN = "The business cycle is fixed once the deploy has started: Contract's proof counts it from Migrate's completion.";
