import { verify } from "node:crypto";
import { auditKeyById } from "@/lib/audit/keys";
import type { Sql } from "@/lib/db/sql";

// Reading and checking checkpoints, apart from publishing them: the chain's verifier needs these,
// and publishing needs the verifier, so one module for both would be an import cycle.

export interface Checkpoint {
  id: string;
  at: Date;
  headId: string;
  headHash: string;
  keyId: string;
  signature: string;
}

export const checkpointPayload = (headId: string, headHash: string) => Buffer.from(`switchback-audit-checkpoint:v1:${headId}:${headHash}`, "utf8");

/** Whether the checkpoint carries a valid signature of a key this server holds (current or retired). */
export function checkpointSignatureValid(checkpoint: Pick<Checkpoint, "headId" | "headHash" | "keyId" | "signature">): boolean {
  const key = auditKeyById(checkpoint.keyId);
  return !!key && verify(null, checkpointPayload(checkpoint.headId, checkpoint.headHash), key.publicKey, Buffer.from(checkpoint.signature, "base64"));
}

export async function latestCheckpoint(sql: Sql): Promise<Checkpoint | null> {
  const [row] = await sql.query<Checkpoint>(
    `SELECT id::text AS id, at, head_id::text AS "headId", head_hash AS "headHash", key_id AS "keyId", signature
       FROM audit_checkpoints ORDER BY id DESC LIMIT 1`,
  );
  return row ? { ...row, at: new Date(row.at) } : null;
}
