import { sign } from "node:crypto";
import { checkpointPayload, checkpointSignatureValid, latestCheckpoint, type Checkpoint } from "@/lib/audit/checkpoint-read";
import { currentAuditKey, publicKeyText } from "@/lib/audit/keys";
import { verifyChain } from "@/lib/audit/verify";
import type { Sql } from "@/lib/db/sql";
import { enqueueWebhooks } from "@/lib/notify/webhooks";

// Signed checkpoints of the audit chain. The chain's HMAC stops anyone without AUDIT_KEY from
// rewriting an event, but not from cutting events off its end; a checkpoint published outside
// the database (webhooks, the server log) pins everything up to its head for good.

export const CHECKPOINT_EVERY_EVENTS = 100;
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

type Log = (line: string) => void;
const serverLog: Log = (line) => console.log(`[audit-checkpoint] ${line}`);

// Signs the current head, but only a chain that verifies: a checkpoint must never vouch for a
// rewrite. From the last good checkpoint on, so the walk stays short.
export async function publishCheckpoint(sql: Sql, { log = serverLog }: { log?: Log } = {}): Promise<Checkpoint | null> {
  const previous = await latestCheckpoint(sql);
  const trusted = previous && checkpointSignatureValid(previous);
  if (previous && !trusted)
    log(
      `Checkpoint #${previous.id} does not carry a valid signature of this server's audit key (forged, or made with a key no longer in AUDIT_KEY); verifying the whole chain instead.`,
    );
  const report = await verifyChain(sql, trusted ? { id: previous.headId, hash: previous.headHash } : undefined);
  if (!report.ok) {
    log(`Not signing a checkpoint: the chain is broken at event #${report.brokenId}: ${report.reason}`);
    return null;
  }
  const [head] = await sql.query<{ id: string; hash: string }>(
    "SELECT last_id::text AS id, last_hash AS hash FROM audit_chain_head WHERE id = 1 AND last_id IS NOT NULL",
  );
  if (!head || head.id === previous?.headId) return null;
  if (BigInt(head.id) > BigInt(report.lastId ?? "0")) return null; // appended while we walked: next time
  const key = currentAuditKey();
  const signature = sign(null, checkpointPayload(head.id, head.hash), key.signingKey).toString("base64");
  const [row] = await sql.query<Checkpoint>(
    `INSERT INTO audit_checkpoints (head_id, head_hash, key_id, signature) VALUES ($1::bigint, $2, $3, $4)
     RETURNING id::text AS id, at, head_id::text AS "headId", head_hash AS "headHash", key_id AS "keyId", signature`,
    [head.id, head.hash, key.id, signature],
  );
  const checkpoint = { ...row!, at: new Date(row!.at) };
  const data = { checkpointId: checkpoint.id, headId: head.id, headHash: head.hash, keyId: key.id, signature, publicKey: publicKeyText(key) };
  await enqueueWebhooks(sql, {
    type: "audit_checkpoint",
    releaseId: null,
    releaseTitle: null,
    text: `Audit checkpoint #${checkpoint.id}: the trail up to event #${head.id} is signed.`,
    data,
  });
  log(JSON.stringify({ ...data, at: checkpoint.at.toISOString() }));
  return checkpoint;
}

/** The leader's tick: a checkpoint every CHECKPOINT_EVERY_EVENTS events or CHECKPOINT_EVERY_MS, whichever comes first. */
export async function checkpointIfDue(sql: Sql, now = Date.now(), log?: Log): Promise<Checkpoint | null> {
  const previous = await latestCheckpoint(sql);
  const [head] = await sql.query<{ id: string | null }>("SELECT last_id::text AS id FROM audit_chain_head WHERE id = 1");
  if (!head?.id || head.id === previous?.headId) return null;
  const due = !previous || BigInt(head.id) - BigInt(previous.headId) >= CHECKPOINT_EVERY_EVENTS || now - previous.at.getTime() >= CHECKPOINT_EVERY_MS;
  return due ? publishCheckpoint(sql, { log }) : null;
}
