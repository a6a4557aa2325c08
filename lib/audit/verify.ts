import { chainHash, eventBody, toJson, type JsonValue } from "@/lib/audit/chain";
import type { Sql } from "@/lib/db/sql";

// Walks the whole audit trail in id order and checks every link: each event names the hash of
// the one before it, and its own hash matches its content. Reads in pages by id (keyset), so
// memory stays flat however long the trail is.

export type ChainReport =
  | { ok: true; count: number; lastId: string | null }
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
}

const PAGE = 5000;

export async function verifyChain(sql: Sql): Promise<ChainReport> {
  // The end of the chain as it stands now; events appended while we walk are left for next time.
  const [head] = await sql.query<{ last_id: string | null; last_hash: string | null }>("SELECT last_id::text AS last_id, last_hash FROM audit_chain_head WHERE id = 1");
  const end = head?.last_id ?? "0";
  let previous: { id: string; hash: string } | null = null;
  let count = 0;
  for (;;) {
    const rows: Row[] = await sql.query<Row>(
      `SELECT id::text AS id, at, actor_type::text AS actor_type, actor_id::text AS actor_id, actor_label, release_id::text AS release_id,
              action, before, after, prev_hash, hash
         FROM audit_events WHERE id > $1::bigint AND id <= $2::bigint ORDER BY audit_events.id LIMIT ${PAGE}`,
      [previous?.id ?? "0", end],
      "audit_verify_page",
    );
    for (const row of rows) {
      if (row.prev_hash !== (previous?.hash ?? null)) {
        const expected = previous ? `event #${previous.id}'s hash` : "nothing (it is the first event)";
        return { ok: false, count, brokenId: row.id, reason: `Event #${row.id} should point back to ${expected}, but it does not: an event before it was removed or changed.` };
      }
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
      if (chainHash(row.prev_hash, body) !== row.hash) {
        return { ok: false, count, brokenId: row.id, reason: `Event #${row.id} (${row.action}) was changed after it was written: its content no longer matches its hash.` };
      }
      previous = { id: row.id, hash: row.hash };
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  if ((head?.last_hash ?? null) !== (previous?.hash ?? null)) {
    return { ok: false, count, brokenId: previous?.id ?? "0", reason: "The newest events are missing: the chain's recorded end is not the last event in the table." };
  }
  return { ok: true, count, lastId: previous?.id ?? null };
}
