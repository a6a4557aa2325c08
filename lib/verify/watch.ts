import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { recordObservation } from "@/lib/targets/watch/record";
import type { WatchJob } from "@/lib/targets/watch/types";
import { checkStageSchema } from "@/lib/verify/check";
import { asSchemaCheck, sameResult } from "@/lib/verify/schema-check";

// The active stage's schema check, run by the leader's target watcher on every poll of the release
// (2 s by default) while the deploy is under way: one catalog read on the target each time, so a
// stage turns green within a poll of its SQL being applied.
//
// Written to stages.schema_check when the result changes, together with a "stage.schema_checked"
// audit event (lib/targets/watch/record.ts: the trail says when the target caught up with the plan,
// and open cockpits redraw). A steady result is rewritten, without an event, when the stored one is
// more than REFRESH_MS old: one write a minute rather than one per poll, and the time in "Verified
// in shop at 14:02 UTC" is never more than a minute behind.

export const REFRESH_MS = 60_000;

export const watchSchema: WatchJob = async (db, release, now) => {
  const active = release.stages.find((stage) => stage.status === "ACTIVE");
  if (!active) return;
  const check = await checkStageSchema(release.target, active, now);
  const stored = await db.stage.findUnique({ where: { id: active.id }, select: { schemaCheck: true, status: true } });
  // Completed (or gone) while the target was being read: completing wrote the check it relied on.
  if (stored?.status !== "ACTIVE") return;
  const previous = asSchemaCheck(stored.schemaCheck);
  const fresh = previous !== null && now.getTime() - Date.parse(previous.checkedAt) < REFRESH_MS;
  if (sameResult(previous, check) && (fresh || check === null)) return;
  // updateMany with the status in the filter: a stage completed since the read keeps its own check.
  const write = async (tx: Tx) =>
    (
      await tx.stage.updateMany({
        where: { id: active.id, status: "ACTIVE" },
        data: { schemaCheck: check ? (check as unknown as Prisma.InputJsonValue) : Prisma.DbNull },
      })
    ).count > 0;
  if (sameResult(previous, check)) return void (await write(db));
  await recordObservation(db, write, {
    releaseId: release.id,
    action: "stage.schema_checked",
    before: { stage: active.kind, state: previous?.state ?? null, message: previous?.message ?? null },
    after: { stage: active.kind, state: check?.state ?? null, message: check?.message ?? null },
  });
};
