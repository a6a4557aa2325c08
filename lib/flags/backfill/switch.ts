import type { Tx } from "@/lib/db";
import type { Actor, AuditInput } from "@/lib/audit/append";
import { asSql, type Sql } from "@/lib/db/sql";
import { BACKFILL_SUFFIX, backfillKey } from "@/lib/flags/backfill/key";

// The backfill switch: a second built-in boolean per release, served over OFREP as
// `<flagKey>.backfill-paused` (true = paused), whatever provider holds the kill switch itself.
// The backfill job reads it between batches. It lives in the flags table, so the OFREP cache,
// its ETag and the event streams treat it like any built-in flag (the flags trigger notifies).

export { BACKFILL_SUFFIX, backfillKey, isBackfillKey } from "@/lib/flags/backfill/key";

export interface BackfillSwitch {
  key: string;
  environment: string;
  paused: boolean;
  version: number;
  changedAt: Date;
}

interface Row {
  key: string;
  environment: string;
  enabled: boolean;
  version: number;
  updated_at: Date;
}

const toSwitch = (row: Row): BackfillSwitch => ({
  key: row.key,
  environment: row.environment,
  paused: row.enabled,
  version: row.version,
  changedAt: new Date(row.updated_at),
});

// Creates the switch (running) if it is not there yet; saving a release's flag calls this.
export async function ensureBackfillSwitch(db: Tx | Sql, flagKey: string, environment: string): Promise<void> {
  if (!flagKey) return;
  await asSql(db).query(`INSERT INTO flags (key, environment, enabled) VALUES ($1, $2, false) ON CONFLICT (key, environment) DO NOTHING RETURNING id`, [
    backfillKey(flagKey),
    environment,
  ]);
}

// The release's backfill switch as stored now; null when the release names no flag.
export async function readBackfillSwitch(db: Tx | Sql, releaseId: string): Promise<BackfillSwitch | null> {
  const [row] = await asSql(db).query<Row>(
    `SELECT f.key, f.environment, f.enabled, f.version, f.updated_at
       FROM releases r JOIN flags f ON f.key = r.flag_key || '${BACKFILL_SUFFIX}' AND f.environment = r.flag_environment
      WHERE r.id = $1::uuid AND r.flag_key <> ''`,
    [releaseId],
  );
  return row ? toSwitch(row) : null;
}

export interface BackfillChange {
  releaseId: string;
  paused: boolean;
  actor: Actor;
  // One sentence; an automatic pause says why ("Replica lag 14 s > 10 s for 3 checks → backfill paused").
  reason?: string;
  // Set by an automatic action: which criterion fired it.
  auto?: { criterionId: string };
  // The caller's audit writer (the action's ctx.audit, or appendAudit for Switchback's own actors).
  audit: (event: Omit<AuditInput, "actor">) => Promise<void>;
}

export type BackfillOutcome = { kind: "applied"; state: BackfillSwitch } | { kind: "unchanged"; state: BackfillSwitch } | { kind: "missing" };

// Pauses or resumes in the caller's transaction: compare-and-set on the row (of two simultaneous
// pauses one applies, the other finds it already paused and records nothing), audited together.
export async function setBackfillPaused(tx: Tx | Sql, change: BackfillChange): Promise<BackfillOutcome> {
  const sql = asSql(tx);
  const [release] = await sql.query<{ flag_key: string; flag_environment: string }>(`SELECT flag_key, flag_environment FROM releases WHERE id = $1::uuid`, [
    change.releaseId,
  ]);
  if (!release?.flag_key) return { kind: "missing" };
  // The house's lock order (lib/flags/flip.ts): the audit chain head, then the flag row. Taking the
  // row first would deadlock with a transaction that has already appended an event (a Stop, an
  // auto action) and then pauses.
  await sql.query("SELECT 1 AS locked FROM audit_chain_head WHERE id = 1 FOR UPDATE");
  await ensureBackfillSwitch(sql, release.flag_key, release.flag_environment);
  const key = backfillKey(release.flag_key);
  const [changed] = await sql.query<Row>(
    `UPDATE flags SET enabled = $3, version = version + 1, updated_by_id = $4::uuid, updated_at = now()
      WHERE key = $1 AND environment = $2 AND enabled <> $3
      RETURNING key, environment, enabled, version, updated_at`,
    [key, release.flag_environment, change.paused, change.actor.type === "USER" ? change.actor.id : null],
  );
  if (!changed) {
    const [row] = await sql.query<Row>(`SELECT key, environment, enabled, version, updated_at FROM flags WHERE key = $1 AND environment = $2`, [
      key,
      release.flag_environment,
    ]);
    return { kind: "unchanged", state: toSwitch(row!) };
  }
  const detail = { key, environment: release.flag_environment };
  await change.audit({
    action: change.paused ? "backfill.paused" : "backfill.resumed",
    releaseId: change.releaseId,
    before: { ...detail, paused: !change.paused },
    after: { ...detail, paused: change.paused, version: changed.version, reason: change.reason ?? null, ...(change.auto ? { auto: change.auto } : {}) },
  });
  return { kind: "applied", state: toSwitch(changed) };
}
