import type { Db, Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { asSql } from "@/lib/db/sql";
import { autoSentence } from "@/lib/flags/auto-sentence";
import { readBackfillSwitch, setBackfillPaused } from "@/lib/flags/backfill/switch";
import { enqueueWebhooks } from "@/lib/notify/webhooks";
import { longestBreach, type AutoBreach } from "@/lib/flags/auto-breach";
import { countAutoActions } from "@/lib/metrics/record";
import { releaseHealth, snapshotOf } from "@/lib/signals/health";

// Pause first, then stop: when a "Pause backfill" criterion of a release in progress with automatic
// actions on has been breached for N checks in a row, pause the release's backfill (its backfill
// switch, which the job reads between batches). The flag and the release stay as they are.
// Only breaches newer than the switch's last change count: a person's Resume is not overridden at
// once by the breaches that caused the pause, and a new run of N after it pauses again. Never on
// STALE data. It fires once: the release row is locked and everything is re-read before acting.

export const AUTO_PAUSE_ACTOR: Actor = { type: "SYSTEM", label: "Switchback auto-pause" };

export async function autoPauseTick(db: Db, now = Date.now()): Promise<string[]> {
  const candidates = await db.release.findMany({
    where: { status: "IN_PROGRESS", autoStopEnabled: true, flagKey: { not: "" }, criteria: { some: { autoAction: "PAUSE_BACKFILL" } } },
    select: { id: true },
  });
  const fired: string[] = [];
  for (const { id } of candidates) {
    if ((await findBreach(db, id, now)) && (await fire(db, id, now))) fired.push(id);
  }
  countAutoActions("auto_pause", fired.length);
  return fired;
}

// The pause criterion breached longest since the switch last changed, or null (the backfill is
// already paused, automatic actions are off, or no pause criterion is at STOP for N fresh checks).
async function findBreach(db: Db | Tx, releaseId: string, now: number): Promise<AutoBreach | null> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: { status: true, autoStopEnabled: true, autoStopAfter: true, criteria: { where: { autoAction: "PAUSE_BACKFILL" }, select: { id: true } } },
  });
  if (!release || release.status !== "IN_PROGRESS" || !release.autoStopEnabled || release.criteria.length === 0) return null;
  const backfill = await readBackfillSwitch(asSql(db), releaseId);
  if (backfill?.paused) return null;
  // A switch not made yet has never changed: setBackfillPaused makes it.
  const since = backfill?.changedAt.getTime() ?? -Infinity;
  return longestBreach(db, releaseId, { ids: new Set(release.criteria.map((c) => c.id)), after: release.autoStopAfter, since }, now);
}

async function fire(db: Db, releaseId: string, now: number): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      // Lock first, then re-check: a second tick (another instance, or this one's next) waits
      // here and then finds the backfill paused, so it neither pauses nor announces again.
      const [row] = await tx.$queryRaw<{ title: string }[]>`SELECT title FROM releases WHERE id = ${releaseId}::uuid FOR UPDATE`;
      const breach = row && (await findBreach(tx, releaseId, now));
      if (!breach) return false;
      const reason = autoSentence(breach.spec, breach.evaluation, "backfill paused");
      const criterionId = breach.spec.id;
      const outcome = await setBackfillPaused(tx, {
        releaseId,
        paused: true,
        actor: AUTO_PAUSE_ACTOR,
        reason,
        auto: { criterionId },
        audit: async (event) => void (await appendAudit(tx, { ...event, actor: AUTO_PAUSE_ACTOR })),
      });
      if (outcome.kind !== "applied") return false;
      const snapshot = snapshotOf(await releaseHealth(tx, releaseId, now));
      await enqueueWebhooks(tx, {
        type: "auto_pause",
        releaseId,
        releaseTitle: row.title,
        text: `Switchback auto-pause paused the backfill of “${row.title}”: ${reason}. The flag is unchanged; resume the backfill from the cockpit when it is safe.`,
        data: { reason, criterionId, key: outcome.state.key, environment: outcome.state.environment, snapshot },
      });
      return true;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
