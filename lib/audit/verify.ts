import { chainHash, eventBody, keyedChainHash, LEGACY_HASH_ALG, toJson, type JsonValue } from "@/lib/audit/chain";
import { checkpointSignatureValid, latestCheckpoint } from "@/lib/audit/checkpoint-read";
import { auditKeyById } from "@/lib/audit/keys";
import type { Sql } from "@/lib/db/sql";

// Walks the audit trail in id order and checks every link: each event names the hash of the one
// before it, and its own hash matches its content under the key it names (an HMAC of AUDIT_KEY;
// plain SHA-256 only for events from before the chain was keyed, and never after a keyed one).
// Then the latest signed checkpoint: its signature, and that the chain still holds its head.
// Reads in pages by id (keyset), so memory stays flat however long the trail is.

export type ChainReport =
  | { ok: true; count: number; lastId: string | null; checkpoint?: { id: string; headId: string; at: string } }
  | { ok: false; count: number; brokenId: string; reason: string };

interface Row {
  id: string;
  at: Date;
  actor_type: "USER" | "SYSTEM";
  actor_id: string | null;
  actor_label: string;
  release_id: string | null;
  action: string;
  before: JsonValue | null;
  after: JsonValue | null;
  prev_hash: string | null;
  hash: string;
  hash_alg: string;
}

const PAGE = 5000;

// Why a row's own hash is wrong, or null when it is right.
function hashProblem(row: Row, keyedBefore: boolean): string | null {
  const body = eventBody({
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    at: new Date(row.at),
    action: row.action,
    releaseId: row.release_id,
    before: toJson(row.before),
    after: toJson(row.after),
  });
  const changed = `Event #${row.id} (${row.action}) was changed after it was written: its content no longer matches its hash.`;
  if (row.hash_alg === LEGACY_HASH_ALG) {
    if (keyedBefore)
      return `Event #${row.id} (${row.action}) claims the unkeyed hash of events from before the chain was keyed, after keyed events: it was rewritten without the audit key.`;
    return chainHash(row.prev_hash, body) === row.hash ? null : changed;
  }
  const keyId = /^hmac-sha256:(.+)$/.exec(row.hash_alg)?.[1];
  const key = keyId ? auditKeyById(keyId) : undefined;
  if (!key)
    return `Event #${row.id} (${row.action}) is keyed with ${row.hash_alg}, a key this server does not hold: add it to AUDIT_KEY as a retired key, or the event was forged.`;
  return keyedChainHash(key.chainKey, row.prev_hash, body) === row.hash ? null : changed;
}

// `from`: a point already proven (a checkpoint's head); the walk starts after it.
export async function verifyChain(sql: Sql, from?: { id: string; hash: string }): Promise<ChainReport> {
  // Read before the head, so the checkpoint's head is never past the end walked below.
  const checkpoint = from ? null : await latestCheckpoint(sql);
  const [head] = await sql.query<{ last_id: string | null; last_hash: string | null }>(
    "SELECT last_id::text AS last_id, last_hash FROM audit_chain_head WHERE id = 1",
  );
  const end = head?.last_id ?? "0";
  let previous: { id: string; hash: string } | null = from ?? null;
  let keyedBefore = !!from;
  let pinned = false;
  let count = 0;
  for (;;) {
    const rows: Row[] = await sql.query<Row>(
      `SELECT id::text AS id, at, actor_type::text AS actor_type, actor_id::text AS actor_id, actor_label, release_id::text AS release_id,
              action, before, after, prev_hash, hash, hash_alg
         FROM audit_events WHERE id > $1::bigint AND id <= $2::bigint ORDER BY audit_events.id LIMIT ${PAGE}`,
      [previous?.id ?? "0", end],
      "audit_verify_page_v2",
    );
    for (const row of rows) {
      if (row.prev_hash !== (previous?.hash ?? null)) {
        const expected = previous ? `event #${previous.id}'s hash` : "nothing (it is the first event)";
        return {
          ok: false,
          count,
          brokenId: row.id,
          reason: `Event #${row.id} should point back to ${expected}, but it does not: an event before it was removed or changed.`,
        };
      }
      const problem = hashProblem(row, keyedBefore);
      if (problem) return { ok: false, count, brokenId: row.id, reason: problem };
      keyedBefore ||= row.hash_alg !== LEGACY_HASH_ALG;
      if (checkpoint && row.id === checkpoint.headId) pinned = row.hash === checkpoint.headHash;
      previous = { id: row.id, hash: row.hash };
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  if ((head?.last_hash ?? null) !== (previous?.hash ?? null)) {
    return {
      ok: false,
      count,
      brokenId: previous?.id ?? "0",
      reason: "The newest events are missing: the chain's recorded end is not the last event in the table.",
    };
  }
  if (checkpoint) {
    const at = `Checkpoint #${checkpoint.id} (of event #${checkpoint.headId}, ${checkpoint.at.toISOString()})`;
    if (!checkpointSignatureValid(checkpoint)) {
      return {
        ok: false,
        count,
        brokenId: checkpoint.headId,
        reason: `${at} does not carry a valid signature of this server's audit key: it was forged or altered.`,
      };
    }
    if (!pinned) {
      return {
        ok: false,
        count,
        brokenId: checkpoint.headId,
        reason: `${at} is validly signed, but the chain no longer holds that event with that hash: events up to it were rewritten or removed.`,
      };
    }
    return { ok: true, count, lastId: previous?.id ?? null, checkpoint: { id: checkpoint.id, headId: checkpoint.headId, at: checkpoint.at.toISOString() } };
  }
  return { ok: true, count, lastId: previous?.id ?? null };
}
