import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import { eventBody, keyedChainHash, keyedHashAlg, toJson, type JsonValue } from "@/lib/audit/chain";
import { describeEvent } from "@/lib/audit/describe";
import { currentAuditKey } from "@/lib/audit/keys";

export type Actor = { type: "USER"; id: string; label: string } | { type: "SYSTEM"; label: string };

export interface AuditInput {
  actor: Actor;
  action: string;
  releaseId?: string | null;
  before?: unknown;
  after?: unknown;
}

export const AUDIT_CHANNEL = "switchback_audit";

// How many placeholders auditChainSql uses (1..AUDIT_PARAMS); a caller's own come after them.
export const AUDIT_PARAMS = 12;

// An event ready to be written, as the values of auditChainSql's placeholders. The HMAC needs the
// previous hash and the key never goes to PostgreSQL, so the chain head is locked first (FOR
// UPDATE: held to the end of the caller's transaction, it serialises appends as before) and the
// link computed here. Outside a transaction the lock ends at once; auditChainSql's guard then
// refuses an append onto a head that moved, and appendAudit tries again.
export async function prepareAudit(db: Db | Tx | Sql, input: AuditInput): Promise<unknown[]> {
  const fields = {
    actorType: input.actor.type,
    actorId: input.actor.type === "USER" ? input.actor.id : null,
    actorLabel: input.actor.label,
    at: new Date(),
    action: input.action,
    releaseId: input.releaseId ?? null,
    before: toJson(input.before) as JsonValue | null,
    after: toJson(input.after) as JsonValue | null,
  };
  const key = currentAuditKey();
  const [head] = await asSql(db).query<{ last_hash: string | null }>("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", [], "audit_head_lock");
  const prevHash = head?.last_hash ?? null;
  return [
    keyedChainHash(key.chainKey, prevHash, eventBody(fields)),
    fields.at.toISOString(),
    fields.actorType,
    fields.actorId,
    fields.actorLabel,
    fields.releaseId,
    fields.action,
    fields.before === null ? null : JSON.stringify(fields.before),
    fields.after === null ? null : JSON.stringify(fields.after),
    describeEvent(fields.action, fields.before, fields.after),
    prevHash,
    keyedHashAlg(key.id),
  ];
}

// Two CTEs, "head" and "audited", that move the chain head and insert the event, only if the head
// is still the one the hash was computed from. `when` makes the append conditional on another
// CTE of the same statement (e.g. a compare-and-set that applied).
export function auditChainSql(p: (n: number) => string, when = "TRUE"): string {
  return `head AS (
      UPDATE audit_chain_head
         SET prev_hash = last_hash, last_hash = ${p(1)}, last_id = nextval('audit_events_id_seq')
       WHERE id = 1 AND last_hash IS NOT DISTINCT FROM ${p(11)}::text AND (${when})
      RETURNING last_id, prev_hash, last_hash),
    audited AS (
      INSERT INTO audit_events (id, at, actor_type, actor_id, actor_label, release_id, action, before, after, summary, prev_hash, hash, hash_alg)
      SELECT last_id, ${p(2)}::timestamptz, ${p(3)}::"ActorType", ${p(4)}::uuid, ${p(5)}, ${p(6)}::uuid, ${p(7)}, ${p(8)}::jsonb, ${p(9)}::jsonb, ${p(10)}, prev_hash, last_hash, ${p(12)} FROM head
      RETURNING id, hash, release_id, action)`;
}

// The notice listeners get (delivered only on commit: nobody hears of a change that rolled back).
export const auditNotifySql = (channel: string) =>
  `LATERAL pg_notify(${channel}, json_build_object('id', audited.id::text, 'releaseId', audited.release_id::text, 'action', audited.action)::text)`;

const ATTEMPTS = 50;

// Two statements per append (lock, write), inside the caller's transaction when there is one.
export async function appendAudit(db: Db | Tx | Sql, input: AuditInput): Promise<{ id: bigint; hash: string }> {
  const sql = asSql(db);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [row] = await sql.query<{ id: string; hash: string }>(
      `WITH ${auditChainSql((n) => `$${n}`)} SELECT audited.id::text AS id, audited.hash FROM audited, ${auditNotifySql(`$${AUDIT_PARAMS + 1}`)}`,
      [...(await prepareAudit(sql, input)), AUDIT_CHANNEL],
      "audit_append",
    );
    if (row) return { id: BigInt(row.id), hash: row.hash };
  }
  throw new Error("The audit event could not be written: the chain head is missing or kept moving.");
}
