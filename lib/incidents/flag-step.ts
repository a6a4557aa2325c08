import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import { appendAudit } from "@/lib/audit/append";

// The runbook's "Turn the feature flag off" ticks itself once the flag provider reads OFF:
// Switchback read it, so nobody has to take anyone's word for it. The UPDATE re-checks
// `done_at IS NULL` under the row lock, so a flip and the watcher never both tick it.

export const flagReaderLabel = (provider: string) => `Switchback (${provider} reads the flag OFF)`;

export async function tickFlagStep(db: Db | Tx | Sql, releaseId: string, provider: string): Promise<number> {
  const sql = asSql(db);
  const label = flagReaderLabel(provider);
  const ticked = await sql.query<{ id: string; incident_id: string; role: string; text: string }>(
    `UPDATE incident_steps s SET done_at = now(), done_by_label = $2
       FROM incidents i
      WHERE s.incident_id = i.id AND i.release_id = $1::uuid AND i.ended_at IS NULL
        AND s.auto_check = 'FLAG_OFF' AND s.done_at IS NULL
      RETURNING s.id, s.incident_id, s.role::text AS role, s.text`,
    [releaseId, label],
  );
  for (const step of ticked) {
    await appendAudit(sql, {
      actor: { type: "SYSTEM", label },
      action: "incident.step_ticked",
      releaseId,
      after: { incidentId: step.incident_id, stepId: step.id, role: step.role, text: step.text, done: true, auto: true },
    });
  }
  return ticked.length;
}
