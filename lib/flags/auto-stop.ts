import type { Db, Tx } from "@/lib/db";
import { appendAudit, type Actor, type AuditInput } from "@/lib/audit/append";
import { performFlip } from "@/lib/flags/flip";
import { enqueueWebhooks } from "@/lib/notify/webhooks";
import { openIncident } from "@/lib/incidents/open";
import { releaseHealth, snapshotOf } from "@/lib/signals/health";
import { autoSentence, type AutoOutcome } from "@/lib/flags/auto-sentence";
import { longestBreach, type AutoBreach } from "@/lib/flags/auto-breach";
import { countAutoActions } from "@/lib/metrics/record";

// Guarded auto-stop: when a "Turn flag off" criterion of an opted-in release in progress has been
// breached for N samples in a row (fresh data only: a STALE criterion is never STOP), turn the flag
// off, pause the release and tell people. It fires once: the release row is locked and re-checked
// before acting, so neither a second instance nor the next tick can fire it again. "Pause
// backfill" criteria are lib/flags/auto-pause.ts's.

export const AUTO_STOP_ACTOR: Actor = { type: "SYSTEM", label: "Switchback auto-stop" };

const awaitingAck = (r: { autoStopTriggeredAt: Date | null; autoStopAckedAt: Date | null }) =>
  !!r.autoStopTriggeredAt && (!r.autoStopAckedAt || r.autoStopAckedAt < r.autoStopTriggeredAt);

export async function autoStopTick(db: Db, now = Date.now()): Promise<string[]> {
  const candidates = await db.release.findMany({
    where: { status: "IN_PROGRESS", autoStopEnabled: true, flagKey: { not: "" }, criteria: { some: { autoAction: "TURN_FLAG_OFF" } } },
    select: { id: true },
  });
  const fired: string[] = [];
  for (const { id } of candidates) {
    if ((await findAutoBreach(db, id, now)) && (await fire(db, id, now))) fired.push(id);
  }
  countAutoActions("auto_stop", fired.length);
  return fired;
}

// The "Turn flag off" criterion breached longest, or null. Only samples after the last
// acknowledgement count: the breaches a person has already answered do not fire it again, a
// new run of N does. Read again under the release's lock before acting, so what fires is what
// the data says then (never data that has since gone STALE or recovered).
async function findAutoBreach(db: Db | Tx, releaseId: string, now: number): Promise<AutoBreach | null> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: {
      status: true,
      autoStopEnabled: true,
      autoStopAfter: true,
      autoStopTriggeredAt: true,
      autoStopAckedAt: true,
      criteria: { where: { autoAction: "TURN_FLAG_OFF" }, select: { id: true } },
    },
  });
  if (!release || release.status !== "IN_PROGRESS" || !release.autoStopEnabled || awaitingAck(release) || release.criteria.length === 0) return null;
  const since = release.autoStopAckedAt?.getTime() ?? -Infinity;
  return longestBreach(db, releaseId, { ids: new Set(release.criteria.map((c) => c.id)), after: release.autoStopAfter, since }, now);
}

async function fire(db: Db, releaseId: string, now: number): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<
        {
          status: string;
          auto_stop_triggered_at: Date | null;
          auto_stop_acked_at: Date | null;
          title: string;
          provider: string;
          key: string;
          environment: string;
        }[]
      >`
        SELECT status::text AS status, auto_stop_triggered_at, auto_stop_acked_at, title, flag_provider::text AS provider, flag_key AS key, flag_environment AS environment
          FROM releases WHERE id = ${releaseId}::uuid FOR UPDATE`;
      if (!row || row.status !== "IN_PROGRESS" || awaitingAck({ autoStopTriggeredAt: row.auto_stop_triggered_at, autoStopAckedAt: row.auto_stop_acked_at }))
        return false;
      const breach = await findAutoBreach(tx, releaseId, now);
      if (!breach) return false;
      const said = (outcome: AutoOutcome) => autoSentence(breach.spec, breach.evaluation, outcome);

      const audit = async (event: Omit<AuditInput, "actor">) => void (await appendAudit(tx, { ...event, actor: AUTO_STOP_ACTOR }));
      const outcome = await performFlip(tx, { releaseId, expected: true, next: false, actor: AUTO_STOP_ACTOR, reason: said("flag turned off"), audit });
      // Somebody already turned it off by hand: the rollback has happened, nothing to add.
      if (outcome.kind === "conflict") return false;
      const flagChanged = outcome.kind === "applied";
      // Said as it turned out: the banner, the incident and the message must not claim a flip that failed.
      const reason = said(flagChanged ? "flag turned off" : "flag could not be turned off");
      // The first ten minutes start with the auto-stop; a flag it turned off ticks the flag step at once.
      await openIncident(tx, { releaseId, trigger: "AUTO_STOP", reason, startedBy: { id: null, label: AUTO_STOP_ACTOR.label }, audit });

      // Every auto-stop leaves exactly one record of its flip (lib/audit/report/kinds.ts counts
      // those): performFlip writes it, except for a flag that is not there, where a person would
      // read the message on screen and nobody reads it here.
      if (outcome.kind === "missing") {
        const flag = { provider: row.provider, key: row.key, environment: row.environment };
        await audit({
          action: "flag.flip_failed",
          releaseId,
          before: { ...flag, enabled: true },
          after: { ...flag, enabled: false, error: outcome.message, reason },
        });
      }
      const snapshot = snapshotOf(await releaseHealth(tx, releaseId, now));
      await tx.release.update({
        where: { id: releaseId },
        data: { status: "PAUSED", autoStopTriggeredAt: new Date(now), autoStopAckedAt: null, version: { increment: 1 } },
      });
      await audit({
        action: "release.auto_stopped",
        releaseId,
        before: { status: "IN_PROGRESS" },
        after: { status: "PAUSED", reason, flagChanged, error: flagChanged ? null : outcome.message, snapshot },
      });
      await enqueueWebhooks(tx, {
        type: "auto_stop",
        releaseId,
        releaseTitle: row.title,
        text: flagChanged
          ? `Switchback auto-stop turned the flag off for “${row.title}”: ${reason}. The release is paused until a decision owner acknowledges.`
          : `Switchback auto-stop could NOT turn the flag off for “${row.title}” (${outcome.message}): ${reason}. Turn it off by hand.`,
        data: { reason, flagChanged, error: flagChanged ? null : outcome.message, snapshot },
      });
      return true;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
