import type { Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { judgeFlip, type ConsumerRead, type Flip } from "@/lib/flags/convergence/judge";
import { ACTIVE_WINDOW_MS } from "@/lib/flags/convergence/words";

// The leader's watch over open flips: each one settles as "flag.converged" the moment every
// consumer has been served it, or "flag.not_converged" 60 s after the flip. The row is locked
// (SKIP LOCKED: another instance settling it is left to finish) and settles with its audit event
// in one transaction, so no flip is ever reported twice.

export const FLAG_WATCHER: Actor = { type: "SYSTEM", label: "Switchback flag watcher" };

const BATCH = 100;

interface OpenRow {
  id: string;
  release_id: string;
  flag_key: string;
  environment: string;
  enabled: boolean;
  version: number;
  flipped_at: Date;
  audit_event_id: string | null;
}

interface ConsumerRow {
  consumer: string;
  token_name: string;
  enabled: boolean;
  version: number;
  version_at: Date;
  last_seen_at: Date;
}

// Consumers unseen this long are gone for good: their rows go, at most once an hour per process.
const RETAIN_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 10_000;
const pruning = globalThis as unknown as { switchbackConsumersPrunedAt?: number };

async function pruneGoneConsumers(db: Db, now: number) {
  if (now - (pruning.switchbackConsumersPrunedAt ?? -Infinity) < PRUNE_EVERY_MS) return;
  pruning.switchbackConsumersPrunedAt = now;
  // SKIP LOCKED: a row an instance is flushing right now was just seen; the delete never waits.
  await asSql(db)
    .query(
      `DELETE FROM flag_consumers WHERE id IN (SELECT id FROM flag_consumers WHERE last_seen_at < $1::timestamptz LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`,
      [new Date(now - RETAIN_MS).toISOString()],
    )
    // Housekeeping never holds up the report of a flip.
    .catch((error: unknown) => console.error("flag consumers: could not forget the long gone", error));
}

export async function settleConvergences(db: Db, now = Date.now()): Promise<number> {
  await pruneGoneConsumers(db, now);
  const open = await asSql(db).query<{ id: string }>(
    `SELECT id::text AS id FROM flag_convergences WHERE settled_at IS NULL ORDER BY flipped_at LIMIT ${BATCH}`,
  );
  let settled = 0;
  for (const { id } of open) if (await settleOne(db, id, now)) settled++;
  return settled;
}

async function settleOne(db: Db, id: string, now: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const sql = asSql(tx);
    const [row] = await sql.query<OpenRow>(
      `SELECT id::text AS id, release_id::text AS release_id, flag_key, environment, enabled, version, flipped_at, audit_event_id::text AS audit_event_id
         FROM flag_convergences WHERE id = $1::uuid AND settled_at IS NULL FOR UPDATE SKIP LOCKED`,
      [id],
    );
    if (!row) return false;
    const flip: Flip = {
      key: row.flag_key,
      environment: row.environment,
      enabled: row.enabled,
      version: row.version,
      flippedAt: new Date(row.flipped_at).getTime(),
      flipEventId: row.audit_event_id,
    };
    const consumers = await sql.query<ConsumerRow>(
      `SELECT consumer, token_name, enabled, version, version_at, last_seen_at FROM flag_consumers
        WHERE flag_key = $1 AND environment = $2 AND last_seen_at >= $3::timestamptz ORDER BY consumer`,
      [flip.key, flip.environment, new Date(flip.flippedAt - ACTIVE_WINDOW_MS).toISOString()],
    );
    const verdict = judgeFlip(flip, consumers.map(toRead), now);
    if (!verdict) return false;
    await sql.query(`UPDATE flag_convergences SET settled_at = $2::timestamptz, converged = $3 WHERE id = $1::uuid RETURNING id`, [
      row.id,
      new Date(now).toISOString(),
      verdict.action === "flag.converged",
    ]);
    await appendAudit(tx, { actor: FLAG_WATCHER, action: verdict.action, releaseId: row.release_id, after: verdict.after });
    return true;
  });
}

const toRead = (row: ConsumerRow): ConsumerRead => ({
  consumer: row.consumer,
  tokenName: row.token_name,
  enabled: row.enabled,
  version: row.version,
  versionAt: new Date(row.version_at).getTime(),
  lastSeenAt: new Date(row.last_seen_at).getTime(),
});
