import "server-only";
import { db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { readBackfillSwitch } from "@/lib/flags/backfill/switch";
import type { CurrentUser } from "@/lib/permissions";
import { currentStage, latestCall, type LatestCall, type ReleaseStatus } from "@/lib/releases/state-line";

export interface ReleaseStateView {
  status: ReleaseStatus;
  stage: string;
  call: LatestCall | null;
  // The backfill switch: true when the backfill job has been told to stop between batches; null
  // when the release names no flag (and so has no switch).
  backfillPaused: boolean | null;
}

// What the state bar needs and nothing more: one release row with its stages and last decision,
// and the last auto-stop (an automatic call the room acts on as much as a human one).
// Every signed-in user may read every release (as getCockpit and getReleasePlan do).
export async function getReleaseState(_user: CurrentUser, releaseId: string): Promise<ReleaseStateView | null> {
  const [release, autoStop, backfill] = await Promise.all([
    db.release.findUnique({
      where: { id: releaseId },
      select: {
        status: true,
        stages: { orderBy: { position: "asc" }, select: { kind: true, status: true } },
        decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { verdict: true, reason: true, createdAt: true, actor: { select: { name: true } } } },
      },
    }),
    db.auditEvent.findFirst({
      where: { releaseId, action: "release.auto_stopped" },
      orderBy: { id: "desc" },
      select: { at: true, actorLabel: true, after: true },
    }),
    readBackfillSwitch(asSql(db), releaseId),
  ]);
  if (!release) return null;
  const [decision] = release.decisions;
  const human: LatestCall | null = decision ? { verdict: decision.verdict, actor: decision.actor.name, at: decision.createdAt, reason: decision.reason } : null;
  const automatic: LatestCall | null = autoStop
    ? { verdict: "AUTO_STOP", actor: autoStop.actorLabel, at: autoStop.at, reason: String((autoStop.after as { reason?: unknown } | null)?.reason ?? "") }
    : null;
  return { status: release.status, stage: currentStage(release.stages), call: latestCall(human, automatic), backfillPaused: backfill?.paused ?? null };
}
