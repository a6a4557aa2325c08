import type { Tx } from "@/lib/db";
import { eventHash, toJson, type JsonValue } from "@/lib/audit/chain";

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

// One key for the whole trail: appends queue here until the appending transaction ends, so two
// writers can never both chain onto the same previous event.
const AUDIT_CHAIN_LOCK = 7_340_001;

export const AUDIT_CHANNEL = "switchback_audit";

export async function appendAudit(tx: Tx, input: AuditInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const fields = {
    actorType: input.actor.type,
    actorId: input.actor.type === "USER" ? input.actor.id : null,
    actorLabel: input.actor.label,
    at: new Date(),
    action: input.action,
    releaseId: input.releaseId ?? null,
    before: toJson(input.before) as JsonValue | null,
    after: toJson(input.after) as JsonValue | null,
    prevHash: last?.hash ?? null,
  };
  const hash = eventHash(fields);
  const row = await tx.auditEvent.create({
    data: {
      ...fields,
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      hash,
    },
    select: { id: true },
  });
  // Delivered to listeners only when the transaction commits, so nobody hears of a change that
  // rolled back.
  const notice = JSON.stringify({ id: row.id.toString(), releaseId: fields.releaseId, action: fields.action });
  await tx.$executeRaw`SELECT pg_notify(${AUDIT_CHANNEL}, ${notice})`;
  return { id: row.id, hash };
}
