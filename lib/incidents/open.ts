import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import type { AuditInput } from "@/lib/audit/append";
import { getFlagProvider } from "@/lib/flags/providers/registry";
import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import type { FlagProviderKind } from "@/lib/flags/providers/types";
import { tickFlagStep } from "@/lib/incidents/flag-step";

// An incident starts the first ten minutes: the runbook's steps are copied with their assignees
// (the report keeps them as they happened) and the clock runs from now. A second Stop during an
// incident keeps the first one's clock. Callers hold the release row's lock.

export type IncidentTrigger = "STOP" | "AUTO_STOP" | "MANUAL";
type Audit = (event: Omit<AuditInput, "actor">) => Promise<unknown>;

export interface OpenIncident {
  releaseId: string;
  trigger: IncidentTrigger;
  reason: string;
  startedBy: { id: string | null; label: string };
  audit: Audit;
}

export async function openIncident(db: Db | Tx | Sql, request: OpenIncident): Promise<{ id: string; opened: boolean }> {
  const sql = asSql(db);
  const { releaseId, trigger, reason, startedBy } = request;
  const [running] = await sql.query<{ id: string }>(`SELECT id FROM incidents WHERE release_id = $1::uuid AND ended_at IS NULL`, [releaseId]);
  if (running) return { id: running.id, opened: false };
  const [incident] = await sql.query<{ id: string }>(
    `INSERT INTO incidents (release_id, trigger, reason, started_by_id, started_by_label)
     VALUES ($1::uuid, $2::"IncidentTrigger", $3, $4::uuid, $5) RETURNING id`,
    [releaseId, trigger, reason, startedBy.id, startedBy.label],
  );
  const steps = await sql.query<{ n: number }>(
    `WITH copied AS (
       INSERT INTO incident_steps (incident_id, role, position, text, auto_check, assignee_id, assignee_name)
       SELECT $1::uuid, r.role, r.position, r.text, r.auto_check, r.assignee_id, u.name
         FROM runbook_steps r LEFT JOIN users u ON u.id = r.assignee_id
        WHERE r.release_id = $2::uuid
       RETURNING 1)
     SELECT count(*)::int AS n FROM copied`,
    [incident!.id, releaseId],
  );
  await request.audit({ action: "incident.started", releaseId, after: { incidentId: incident!.id, trigger, reason, steps: steps[0]?.n ?? 0 } });
  await tickIfAlreadyOff(sql, releaseId);
  return { id: incident!.id, opened: true };
}

// A Stop that kept the flag, or a manual start after someone already turned it off: the flag
// step is done from the first second. A provider that does not answer ticks nothing.
async function tickIfAlreadyOff(sql: Sql, releaseId: string) {
  const [release] = await sql.query<{ provider: FlagProviderKind; key: string; environment: string }>(
    `SELECT flag_provider::text AS provider, flag_key AS key, flag_environment AS environment FROM releases WHERE id = $1::uuid`,
    [releaseId],
  );
  if (!release?.key) return;
  const state = await getFlagProvider(release.provider, sql)
    ?.read({ key: release.key, environment: release.environment })
    .catch(() => null);
  if (state && !state.enabled) await tickFlagStep(sql, releaseId, FLAG_PROVIDER_LABEL[release.provider]);
}

// The incident ends with the call that answers it (Go) or with the release's end.
export async function closeIncident(db: Db | Tx | Sql, releaseId: string, endedBy: string, why: string, audit: Audit): Promise<void> {
  const sql = asSql(db);
  const [ended] = await sql.query<{ id: string; done: number; total: number }>(
    `WITH ended AS (
       UPDATE incidents SET ended_at = now(), ended_by_label = $2 WHERE release_id = $1::uuid AND ended_at IS NULL RETURNING id)
     SELECT e.id, count(s.done_at)::int AS done, count(s.id)::int AS total
       FROM ended e LEFT JOIN incident_steps s ON s.incident_id = e.id GROUP BY e.id`,
    [releaseId, endedBy],
  );
  if (ended) await audit({ action: "incident.ended", releaseId, after: { incidentId: ended.id, why, stepsDone: ended.done, steps: ended.total } });
}
