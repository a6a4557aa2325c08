import type { Sql } from "@/lib/db/sql";

// A flip of a built-in flag starts waiting for its consumers, in the flip's transaction: the row
// carries the flag's new version (a consumer has the flip once it was served that version), the
// row's own change time as the flip's instant, and the flip's audit event. The flip holds the
// audit chain head, so the head's last id is the flag.changed event it has just appended.
// Unleash's consumers read Unleash, not our OFREP: their flips open nothing.
export async function openConvergence(sql: Sql, releaseId: string, flag: { key: string; environment: string }): Promise<void> {
  await sql.query(
    `INSERT INTO flag_convergences (release_id, flag_key, environment, enabled, version, flipped_at, audit_event_id)
     SELECT $1::uuid, f.key, f.environment, f.enabled, f.version, f.updated_at, (SELECT last_id FROM audit_chain_head WHERE id = 1)
       FROM flags f WHERE f.key = $2 AND f.environment = $3
     RETURNING id`,
    [releaseId, flag.key, flag.environment],
  );
}
