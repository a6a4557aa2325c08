import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { chainHash, eventBody } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify";
import { createDb, type Db } from "@/lib/db";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { asSql } from "@/lib/db/sql";
import { createScratchDatabase } from "@/lib/testing/db";

// An install upgraded from before the chain was keyed: its events keep verifying with the plain
// SHA-256 they were written with, and new ones are keyed on top of them.

const KEYED = "20261201000300_keyed_audit_chain";
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const scratch = await createScratchDatabase();
  const older = await mkdtemp(path.join(tmpdir(), "switchback-migrations-"));
  for (const name of (await readdir(DEFAULT_MIGRATIONS_DIR)).filter((name) => name < KEYED))
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(older, name), { recursive: true });
  await migrate(scratch.url, older);
  await rm(older, { recursive: true, force: true });
  db = createDb(scratch.url, 2);
  // Written the way the old append did: plain SHA-256, computed from the previous hash.
  let prev: string | null = null;
  for (let i = 1; i <= 3; i++) {
    const at = new Date(Date.UTC(2026, 10, 20, 10, i));
    const hash = chainHash(
      prev,
      eventBody({ actorType: "SYSTEM", actorId: null, actorLabel: "old", at, action: "test.legacy", releaseId: null, before: null, after: { i } }),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO audit_events (id, at, actor_type, actor_label, action, after, prev_hash, hash) VALUES ($1, $2, 'SYSTEM', 'old', 'test.legacy', $3::jsonb, $4, $5)`,
      i,
      at,
      JSON.stringify({ i }),
      prev,
      hash,
    );
    prev = hash;
  }
  await db.$executeRawUnsafe("SELECT setval('audit_events_id_seq', 3)");
  await db.$executeRawUnsafe("UPDATE audit_chain_head SET last_id = 3, last_hash = $1 WHERE id = 1", prev);
  await migrate(scratch.url);
  drop = async () => {
    await db.$disconnect();
    await scratch.drop();
  };
});
afterAll(async () => drop());

describe("an audit trail from before the key", () => {
  it("verifies its unkeyed events and the keyed ones appended after them", async () => {
    await db.$transaction((tx) => appendAudit(tx, { actor: { type: "SYSTEM", label: "new" }, action: "test.keyed_after_legacy" }));
    expect(await verifyChain(asSql(db))).toMatchObject({ ok: true, count: 4, lastId: "4" });
    const algs = await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { hashAlg: true } });
    expect(algs.map((row) => row.hashAlg.split(":")[0])).toEqual(["sha256", "sha256", "sha256", "hmac-sha256"]);
  });
});
