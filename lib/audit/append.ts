import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import { eventBody, toJson, type JsonValue } from "@/lib/audit/chain";
import { describeEvent } from "@/lib/audit/describe";

export type Actor =
  | { type: "USER"; id: string; label: string }
  | { type: "SYSTEM"; label: string };

export interface AuditInput {
  actor: Actor;
  action: string;
  releaseId?: string | null;
  before?: unknown;
  after?: unknown;
}

export const AUDIT_CHANNEL = "switchback_audit";

// An event ready to be written: its canonical body (hashed by PostgreSQL with the previous hash)
// and the column values, in the order auditChainSql's placeholders 1..10 expect.
export function prepareAudit(input: AuditInput): unknown[] {
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
  return [
    eventBody(fields),
    fields.at.toISOString(),
    fields.actorType,
    fields.actorId,
    fields.actorLabel,
    fields.releaseId,
    fields.action,
    fields.before === null ? null : JSON.stringify(fields.before),
    fields.after === null ? null : JSON.stringify(fields.after),
    describeEvent(fields.action, fields.before, fields.after),
  ];
}

// Two CTEs, "head" and "audited", that move the chain head and insert the event. The head row's
// lock serialises appends until the transaction ends; UPDATE re-reads the head after waiting for
// that lock, so the new hash always builds on the latest committed event. `when` makes the append
// conditional on another CTE of the same statement (e.g. a compare-and-set that applied).
export function auditChainSql(p: (n: number) => string, when = "TRUE"): string {
  return `head AS (
      UPDATE audit_chain_head
         SET prev_hash = last_hash,
             last_hash = encode(sha256(convert_to(coalesce(last_hash, '') || '|' || ${p(1)}::text, 'UTF8')), 'hex'),
             last_id = nextval('audit_events_id_seq')
       WHERE id = 1 AND (${when})
      RETURNING last_id, prev_hash, last_hash),
    audited AS (
      INSERT INTO audit_events (id, at, actor_type, actor_id, actor_label, release_id, action, before, after, summary, prev_hash, hash)
      SELECT last_id, ${p(2)}::timestamptz, ${p(3)}::"ActorType", ${p(4)}::uuid, ${p(5)}, ${p(6)}::uuid, ${p(7)}, ${p(8)}::jsonb, ${p(9)}::jsonb, ${p(10)}, prev_hash, last_hash FROM head
      RETURNING id, hash, release_id, action)`;
}

// The notice listeners get (delivered only on commit: nobody hears of a change that rolled back).
export const auditNotifySql = (channel: string) =>
  `LATERAL pg_notify(${channel}, json_build_object('id', audited.id::text, 'releaseId', audited.release_id::text, 'action', audited.action)::text)`;

// One statement per append, inside the caller's transaction.
export async function appendAudit(db: Db | Tx | Sql, input: AuditInput): Promise<{ id: bigint; hash: string }> {
  const [row] = await asSql(db).query<{ id: string; hash: string }>(
    `WITH ${auditChainSql((n) => `$${n}`)} SELECT audited.id::text AS id, audited.hash FROM audited, ${auditNotifySql("$11")}`,
    [...prepareAudit(input), AUDIT_CHANNEL],
    "audit_append",
  );
  return { id: BigInt(row!.id), hash: row!.hash };
}
