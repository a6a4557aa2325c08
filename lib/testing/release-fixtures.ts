import { randomUUID } from "node:crypto";
import type { ReleaseStatus } from "@/lib/releases/status";
import { testDb } from "@/lib/testing/db";

// Releases in each state an action needs, owned (decision owner) by the given user.

type Status = ReleaseStatus;

interface Options {
  isDemo?: boolean;
  activeStageDone?: boolean;
  fourEyes?: boolean;
  // Given people instead of a fresh backup and the decision owner owning every stage.
  backupId?: string;
  stageOwnerId?: string;
}

export async function fixtureRelease(ownerId: string, status: Status, options: Options = {}) {
  const db = testDb();
  const backup = options.backupId
    ? { id: options.backupId }
    : await db.user.create({ data: { email: `backup-${randomUUID()}@test.switchback.test`, name: "Backup", role: "OPERATOR" }, select: { id: true } });
  const flagKey = `fixture-${randomUUID().slice(0, 12)}`;
  const live = status === "IN_PROGRESS" || status === "PAUSED" || status === "STOPPED";
  const release = await db.release.create({
    data: {
      title: `Fixture ${flagKey}`,
      status,
      isDemo: options.isDemo ?? false,
      fourEyes: options.fourEyes ?? false,
      decisionOwnerId: ownerId,
      backupOwnerId: backup.id,
      flagKey,
      flagEnvironment: "production",
      autoStopTriggeredAt: status === "PAUSED" ? new Date() : null,
      stages: {
        create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({
          kind,
          position,
          ownerId: options.stageOwnerId ?? ownerId,
          rollbackNote: "Turn the flag off.",
          status: live && position === 0 ? ("ACTIVE" as const) : ("PENDING" as const),
          checklistItems: {
            create: [
              { text: `${kind} first`, position: 0, done: !!options.activeStageDone, isProof: kind === "CONTRACT" },
              { text: `${kind} second`, position: 1, done: !!options.activeStageDone },
            ],
          },
        })),
      },
      runbookSteps: {
        create: (["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"] as const).map((role, position) => ({
          role,
          text: `Step for ${role}`,
          position,
          assigneeId: ownerId,
          autoCheck: role === "DISABLE_FEATURE" ? ("FLAG_OFF" as const) : null,
        })),
      },
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } },
      drills: { create: { performedOn: new Date("2026-11-01"), result: "PASSED" } },
    },
    select: {
      id: true,
      version: true,
      title: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, checklistItems: { orderBy: { position: "asc" }, select: { id: true, text: true } } } },
      runbookSteps: { select: { id: true, text: true } },
      signals: { select: { id: true } },
    },
  });
  const criterion = await db.criterion.create({
    data: { releaseId: release.id, signalId: release.signals[0]!.id, comparator: "GT", warnThreshold: 1, stopThreshold: 2, position: 0 },
    select: { id: true },
  });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  return { ...release, flagKey, criterionId: criterion.id, backupId: backup.id };
}

// Everything an action on this release could touch, as one digest: equal before and after means
// nothing changed.
// A complete "release details" input for a fixture as it stands; `extra` says what changes.
export const detailsInput = (r: { id: string; version: number; title: string; flagKey: string }, extra: Record<string, unknown> = {}) => ({
  releaseId: r.id,
  expectedVersion: r.version,
  title: r.title,
  service: "",
  summary: "",
  deployStyle: "ROLLING",
  flagProvider: "BUILTIN",
  flagKey: r.flagKey,
  flagEnvironment: "production",
  autoStopAfter: 3,
  ...extra,
});

// A complete "save criterion" input: a push signal for the fixture's error rate; `extra` says what changes.
export const criterionInput = (releaseId: string, extra: Record<string, unknown> = {}) => ({
  releaseId,
  signalName: "Error rate",
  signalKey: "error_rate",
  unit: "PERCENT",
  source: "PUSH",
  comparator: "GT",
  stopThreshold: "2",
  windowSeconds: 60,
  ...extra,
});

export async function releaseFingerprint(releaseId: string): Promise<string> {
  const [row] = await testDb().$queryRawUnsafe<{ digest: string }[]>(
    `SELECT md5(concat_ws('|',
       (SELECT row_to_json(r)::text FROM releases r WHERE r.id = $1::uuid),
       (SELECT json_agg(s ORDER BY s.id)::text FROM stages s WHERE s.release_id = $1::uuid),
       (SELECT json_agg(i ORDER BY i.id)::text FROM checklist_items i JOIN stages s ON s.id = i.stage_id WHERE s.release_id = $1::uuid),
       (SELECT json_agg(x ORDER BY x.id)::text FROM runbook_steps x WHERE x.release_id = $1::uuid),
       (SELECT json_agg(c ORDER BY c.id)::text FROM criteria c WHERE c.release_id = $1::uuid),
       (SELECT json_agg(g ORDER BY g.id)::text FROM signals g WHERE g.release_id = $1::uuid),
       (SELECT json_agg(d ORDER BY d.id)::text FROM rollback_drills d WHERE d.release_id = $1::uuid),
       (SELECT json_agg(d ORDER BY d.id)::text FROM decisions d WHERE d.release_id = $1::uuid),
       (SELECT json_agg(f ORDER BY f.id)::text FROM flags f JOIN releases r ON r.flag_key = f.key AND r.flag_environment = f.environment WHERE r.id = $1::uuid),
       (SELECT json_agg(t ORDER BY t.id)::text FROM api_tokens t WHERE t.release_id = $1::uuid),
       (SELECT json_agg(t ORDER BY t.key)::text FROM settings t WHERE t.key LIKE '%' || $1::text),
       (SELECT json_agg(i ORDER BY i.id)::text FROM incidents i WHERE i.release_id = $1::uuid),
       (SELECT json_agg(x ORDER BY x.id)::text FROM incident_steps x JOIN incidents i ON i.id = x.incident_id WHERE i.release_id = $1::uuid),
       (SELECT row_to_json(v)::text FROM release_reviews v WHERE v.release_id = $1::uuid),
       (SELECT json_agg(f ORDER BY f.id)::text FROM review_follow_ups f WHERE f.release_id = $1::uuid)
     )) AS digest`,
    releaseId,
  );
  return row!.digest;
}

// An incident running on the release, with one step of the runbook assigned to `assigneeId`
// (as if the runbook had been copied when it started).
export async function fixtureIncidentStep(releaseId: string, assigneeId: string, role: "DECISION" | "DATABASE_HEALTH" = "DECISION"): Promise<string> {
  const [step] = await testDb().$queryRawUnsafe<{ id: string }[]>(
    `WITH running AS (
       INSERT INTO incidents (release_id, trigger, reason, started_by_label) VALUES ($1::uuid, 'MANUAL', 'Fixture', 'Fixture')
       ON CONFLICT (release_id) WHERE ended_at IS NULL DO UPDATE SET reason = incidents.reason RETURNING id)
     INSERT INTO incident_steps (incident_id, role, position, text, assignee_id, assignee_name)
     SELECT running.id, $3::"RunbookRole", 0, 'Fixture step', $2::uuid, u.name FROM running, users u WHERE u.id = $2::uuid
     RETURNING id`,
    releaseId,
    assigneeId,
    role,
  );
  return step!.id;
}
