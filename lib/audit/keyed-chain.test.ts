import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { chainHash, eventBody, toJson, type JsonValue } from "@/lib/audit/chain";
import { CHECKPOINT_EVERY_EVENTS, CHECKPOINT_EVERY_MS, checkpointIfDue, publishCheckpoint } from "@/lib/audit/checkpoint";
import { verifyChain } from "@/lib/audit/verify";
import type { Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { openScratchDb } from "@/lib/testing/db";

// What a PostgreSQL superuser can do to the trail without AUDIT_KEY, in a database of its own.

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => ({ db, drop } = await openScratchDb()));
afterAll(async () => drop());

const system = { type: "SYSTEM", label: "keyed chain test" } as const;

async function appendSome(n: number, action: string) {
  for (let i = 0; i < n; i++) await db.$transaction((tx) => appendAudit(tx, { actor: system, action, after: { i } }));
}

// Disable the append-only trigger, rewrite the newest event, recompute its plain SHA-256 link
// and move the chain head onto it: what passed "Verify chain" before the chain was keyed.
async function rewriteNewest(hashAlg?: string) {
  const [row] = await db.$queryRawUnsafe<{ id: bigint; at: Date; actor_type: "SYSTEM"; actor_label: string; action: string; prev_hash: string | null }[]>(
    "SELECT id, at, actor_type::text AS actor_type, actor_label, action, prev_hash FROM audit_events ORDER BY id DESC LIMIT 1",
  );
  const after = { i: 999 } as JsonValue;
  const body = eventBody({
    actorType: row!.actor_type,
    actorId: null,
    actorLabel: row!.actor_label,
    at: row!.at,
    action: row!.action,
    releaseId: null,
    before: null,
    after: toJson(after),
  });
  const hash = chainHash(row!.prev_hash, body);
  await db.$transaction([
    db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"),
    db.$executeRawUnsafe(
      `UPDATE audit_events SET after = $1::jsonb, hash = $2${hashAlg ? `, hash_alg = '${hashAlg}'` : ""} WHERE id = $3`,
      JSON.stringify(after),
      hash,
      row!.id,
    ),
    db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete"),
    db.$executeRawUnsafe("UPDATE audit_chain_head SET last_hash = $1 WHERE id = 1", hash),
  ]);
  return row!.id.toString();
}

describe("the keyed audit chain against a superuser", () => {
  it("finds the newest event rewritten with a recomputed SHA-256 and a moved chain head", async () => {
    await appendSome(4, "test.keyed");
    expect(await verifyChain(asSql(db))).toMatchObject({ ok: true, count: 4 });
    const id = await rewriteNewest();
    expect(await verifyChain(asSql(db))).toMatchObject({ ok: false, brokenId: id });
  });

  it("finds a rewrite that also claims the event was hashed the old, unkeyed way", async () => {
    const { db: other, drop: dropOther } = await openScratchDb();
    const saved = db;
    db = other;
    try {
      await appendSome(3, "test.downgrade");
      const id = await rewriteNewest("sha256");
      const report = await verifyChain(asSql(db));
      expect(report).toMatchObject({ ok: false, brokenId: id });
    } finally {
      db = saved;
      await dropOther();
    }
  });

  it("checks the latest signed checkpoint and reports a forged one", async () => {
    const { db: other, drop: dropOther } = await openScratchDb();
    try {
      for (let i = 0; i < 3; i++) await other.$transaction((tx) => appendAudit(tx, { actor: system, action: "test.checkpoint", after: { i } }));
      const checkpoint = await publishCheckpoint(asSql(other), { log: () => undefined });
      expect(checkpoint).toMatchObject({ headId: "3" });
      expect(await verifyChain(asSql(other))).toMatchObject({ ok: true, count: 3, checkpoint: { id: checkpoint!.id } });

      // Signed with a key that is not the one derived from AUDIT_KEY: a superuser's forgery.
      const head = await other.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
      const forger = generateKeyPairSync("ed25519");
      const payload = `switchback-audit-checkpoint:v1:${head.lastId}:${head.lastHash}`;
      await other.$executeRawUnsafe(
        "INSERT INTO audit_checkpoints (head_id, head_hash, key_id, signature) VALUES ($1, $2, $3, $4)",
        head.lastId,
        head.lastHash,
        checkpoint!.keyId,
        sign(null, Buffer.from(payload), forger.privateKey).toString("base64"),
      );
      const report = await verifyChain(asSql(other));
      expect(report).toMatchObject({ ok: false });
      expect(report.ok === false && report.reason).toMatch(/checkpoint .*signature/i);
    } finally {
      await dropOther();
    }
  });

  it("finds events cut off the end up to a checkpoint, which the key alone cannot", async () => {
    const { db: other, drop: dropOther } = await openScratchDb();
    try {
      for (let i = 0; i < 3; i++) await other.$transaction((tx) => appendAudit(tx, { actor: system, action: "test.cut", after: { i } }));
      const lines: string[] = [];
      const checkpoint = await publishCheckpoint(asSql(other), { log: (line) => lines.push(line) });
      expect(lines.join("\n")).toContain(checkpoint!.signature);
      const [second] = await other.$queryRawUnsafe<{ id: bigint; hash: string; prev_hash: string }[]>(
        "SELECT id, hash, prev_hash FROM audit_events ORDER BY id OFFSET 1 LIMIT 1",
      );
      await other.$transaction([
        other.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"),
        other.$executeRawUnsafe("DELETE FROM audit_events WHERE id > $1", second!.id),
        other.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete"),
        other.$executeRawUnsafe(
          "UPDATE audit_chain_head SET last_id = $1, last_hash = $2, prev_hash = $3 WHERE id = 1",
          second!.id,
          second!.hash,
          second!.prev_hash,
        ),
      ]);
      const report = await verifyChain(asSql(other));
      expect(report).toMatchObject({ ok: false, brokenId: checkpoint!.headId });
      expect(report.ok === false && report.reason).toMatch(/no longer holds that event/);
    } finally {
      await dropOther();
    }
  });

  it("signs a checkpoint every CHECKPOINT_EVERY_EVENTS events and queues it for webhooks", async () => {
    const { db: other, drop: dropOther } = await openScratchDb();
    try {
      await other.webhook.create({ data: { name: "checkpoints", url: "https://hooks.example.test/c", secret: "s", events: ["audit_checkpoint"] } });
      const sql = asSql(other);
      await other.$transaction((tx) => appendAudit(tx, { actor: system, action: "test.cadence" }));
      expect(await checkpointIfDue(sql, Date.now(), () => undefined)).not.toBeNull(); // the first one at once
      await other.$transaction((tx) => appendAudit(tx, { actor: system, action: "test.cadence" }));
      expect(await checkpointIfDue(sql, Date.now(), () => undefined)).toBeNull();
      expect(await checkpointIfDue(sql, Date.now() + CHECKPOINT_EVERY_MS, () => undefined)).not.toBeNull();
      await other.$transaction(async (tx) => {
        for (let i = 0; i < CHECKPOINT_EVERY_EVENTS; i++) await appendAudit(tx, { actor: system, action: "test.cadence" });
      });
      expect(await checkpointIfDue(sql, Date.now(), () => undefined)).toMatchObject({ headId: String(CHECKPOINT_EVERY_EVENTS + 2) });
      const deliveries = await other.webhookDelivery.findMany({ where: { event: "audit_checkpoint" }, select: { payload: true } });
      expect(deliveries).toHaveLength(3);
      expect(deliveries[0]!.payload).toMatchObject({ switchback: { type: "audit_checkpoint", data: { headId: "1" } } });
    } finally {
      await dropOther();
    }
  });
});
