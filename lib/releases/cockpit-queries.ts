import "server-only";
import { db } from "@/lib/db";
import { currentCursor } from "@/lib/live/cursor-db";
import type { CurrentUser } from "@/lib/permissions";
import { readPending } from "@/lib/flags/four-eyes";
import { CONTRACT_PROOF_RELEASE_FIELDS, CONTRACT_PROOF_STAGE_FIELDS } from "@/lib/proofs/select";
import { checklistItemsOf, FLAG_SETTINGS } from "@/lib/releases/select-fields";
import { releaseHealth } from "@/lib/signals/health";

const person = { select: { id: true, name: true } } as const;
export const CHART_HISTORY_MS = 15 * 60 * 1000;

export async function getCockpit(_user: CurrentUser, id: string) {
  // The cursor is taken first: anything that happens while the page loads is replayed by the
  // stream (and the browser drops what it already has).
  const cursor = await currentCursor(db);
  const release = await db.release.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      service: true,
      status: true,
      isDemo: true,
      ...FLAG_SETTINGS,
      autoStopTriggeredAt: true,
      autoStopAckedAt: true,
      startedAt: true,
      decisionOwner: person,
      backupOwner: person,
      stages: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          owner: person,
          startedAt: true,
          completedAt: true,
          checklistItems: checklistItemsOf(person),
          // The "Schema check" line (lib/verify/): the latest check, an override's reason, and the target it reads.
          schemaCheck: true,
          schemaOverrideReason: true,
          release: { select: { targetDatabase: { select: { name: true } }, ...CONTRACT_PROOF_RELEASE_FIELDS } },
          // Contract's computed proofs (lib/proofs/): the latest computation and an override's reason.
          ...CONTRACT_PROOF_STAGE_FIELDS,
        },
      },
      runbookSteps: {
        orderBy: [{ role: "asc" }, { position: "asc" }],
        select: { id: true, role: true, text: true, assignee: { select: { id: true, name: true, contact: true } } },
      },
      decisions: {
        orderBy: { createdAt: "desc" },
        take: 10,
        select: { id: true, verdict: true, reason: true, createdAt: true, snapshot: true, actor: person },
      },
      auditEvents: { orderBy: { id: "desc" }, take: 50, select: { id: true, at: true, action: true, actorLabel: true, before: true, after: true } },
    },
  });
  if (!release) return null;
  const [health, autoStop, pendingFlagOn] = await Promise.all([
    releaseHealth(db, id, Date.now(), CHART_HISTORY_MS),
    release.status === "PAUSED"
      ? db.auditEvent.findFirst({ where: { releaseId: id, action: "release.auto_stopped" }, orderBy: { id: "desc" }, select: { at: true, after: true } })
      : null,
    release.fourEyes ? readPending(db, id) : null,
  ]);
  const { auditEvents, ...rest } = release;
  return {
    ...rest,
    cursor,
    health,
    pendingFlagOn,
    autoStop: autoStop && { at: autoStop.at.toISOString(), ...(autoStop.after as { reason: string; flagChanged: boolean }) },
    events: auditEvents
      .reverse()
      .map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), action: e.action, actorLabel: e.actorLabel, before: e.before, after: e.after })),
  };
}

export type Cockpit = NonNullable<Awaited<ReturnType<typeof getCockpit>>>;
