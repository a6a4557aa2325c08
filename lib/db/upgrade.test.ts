import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { chainHash, eventBody } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify";
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import type { Sql } from "@/lib/db/sql";
import { createScratchDatabase } from "@/lib/testing/db";

// An install that upgrades: a database built up to an earlier migration and filled the way the
// Switchback of that time wrote (unkeyed audit events before the chain was keyed, keyed ones after),
// then every later migration applied. Every row must still be there with the values it had, and
// the audit trail must verify across the upgrade and keep growing after it.

const UNKEYED_UNTIL = "20261201000200_release_authority";
const EARLIER = "20261201000700_release_review";

let client: pg.Client;
let drop: () => Promise<void>;
const sql: Sql = { query: async (text, params = []) => (await client.query(text, params)).rows };
const one = async <T>(text: string, params: unknown[] = []) => (await sql.query<T>(text, params))[0]!;

// The migration runner over a copy of the migrations up to `last`, as a release of that time shipped them.
async function migrateUpTo(url: string, last: string) {
  const older = await mkdtemp(path.join(tmpdir(), "switchback-migrations-"));
  for (const name of (await readdir(DEFAULT_MIGRATIONS_DIR)).filter((name) => name <= last))
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(older, name), { recursive: true });
  await migrate(url, older);
  await rm(older, { recursive: true, force: true });
}

// What the append of before the keyed chain wrote: plain SHA-256 over the previous hash and the event.
async function appendUnkeyed(id: number, releaseId: string, action: string, after: object) {
  const head = await one<{ last_hash: string | null }>("SELECT last_hash FROM audit_chain_head WHERE id = 1");
  const at = new Date(Date.UTC(2026, 10, 21, 9, id));
  const body = eventBody({
    actorType: "SYSTEM",
    actorId: null,
    actorLabel: "Switchback 0.0",
    at,
    action,
    releaseId,
    before: null,
    after: JSON.parse(JSON.stringify(after)),
  });
  const hash = chainHash(head.last_hash, body);
  await sql.query(
    `INSERT INTO audit_events (id, at, actor_type, actor_label, release_id, action, after, prev_hash, hash) VALUES ($1, $2, 'SYSTEM', 'Switchback 0.0', $3, $4, $5::jsonb, $6, $7)`,
    [id, at, releaseId, action, JSON.stringify(after), head.last_hash, hash],
  );
  await sql.query("SELECT setval('audit_events_id_seq', $1)", [id]);
  await sql.query("UPDATE audit_chain_head SET prev_hash = last_hash, last_id = $1, last_hash = $2 WHERE id = 1", [id, hash]);
}

async function appendNow(releaseId: string, action: string, after: object) {
  await sql.query("BEGIN");
  await appendAudit(sql, { actor: { type: "SYSTEM", label: "upgrade test" }, action, releaseId, after });
  await sql.query("COMMIT");
}

// Every row of every table, as JSON, by table.
async function everyRow(): Promise<Map<string, Record<string, unknown>[]>> {
  const tables = await sql.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename",
  );
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const { name } of tables)
    rows.set(
      name,
      (await sql.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM "${name}" t`)).map((r) => r.row),
    );
  return rows;
}

// A row as the columns it had before the upgrade saw it: columns added since are left out.
const asBefore = (row: Record<string, unknown>, columns: string[]) => JSON.stringify(columns.map((column) => [column, row[column]]));

let release: string;
let before: Map<string, Record<string, unknown>[]>;
let applied: string[];

beforeAll(async () => {
  const scratch = await createScratchDatabase();
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  drop = async () => {
    await client.end();
    await scratch.drop();
  };

  await migrateUpTo(scratch.url, UNKEYED_UNTIL);
  const owner = await one<{ id: string }>("INSERT INTO users (email, name, role) VALUES ('ops@old.test', 'Old ops', 'ADMIN') RETURNING id");
  ({ id: release } = await one<{ id: string }>(
    `INSERT INTO releases (title, status, flag_key, decision_owner_id, started_at) VALUES ('Split the name column', 'IN_PROGRESS', 'split-name', $1, now()) RETURNING id`,
    [owner.id],
  ));
  await sql.query(
    `INSERT INTO stages (release_id, kind, position, owner_id, rollback_note) SELECT $1, kind, position, $2, 'Turn the flag off.'
       FROM (VALUES ('EXPAND'::"StageKind", 0), ('MIGRATE', 1), ('CONTRACT', 2)) AS s (kind, position)`,
    [release, owner.id],
  );
  await sql.query(
    `INSERT INTO checklist_items (stage_id, text, position, is_proof)
     SELECT id, 'Proof: the old columns are no longer read by any query', 0, true FROM stages WHERE release_id = $1 AND kind = 'CONTRACT'`,
    [release],
  );
  const signal = await one<{ id: string }>(
    `INSERT INTO signals (release_id, key, name, unit) VALUES ($1, 'error_rate', 'Error rate', 'PERCENT') RETURNING id`,
    [release],
  );
  await sql.query(
    `INSERT INTO signal_samples (signal_id, at, value) SELECT $1, now() - make_interval(secs => n), n / 100.0 FROM generate_series(1, 500) AS n`,
    [signal.id],
  );
  await appendUnkeyed(1, release, "release.created", { title: "Split the name column" });
  await appendUnkeyed(2, release, "release.started", { status: "IN_PROGRESS" });

  await migrateUpTo(scratch.url, EARLIER);
  await sql.query(`UPDATE releases SET status = 'COMPLETED', finished_at = now() WHERE id = $1`, [release]);
  await appendNow(release, "release.outcome", { status: "COMPLETED" });
  await sql.query(`INSERT INTO release_reviews (release_id, summary, version, updated_by_id) VALUES ($1, 'Went fine.', 1, $2)`, [release, owner.id]);
  await sql.query(`INSERT INTO review_follow_ups (release_id, text, owner_id) VALUES ($1, 'Drop the old column next sprint', $2)`, [release, owner.id]);
  await appendNow(release, "review.updated", { summary: "Went fine." });

  before = await everyRow();
  applied = (await migrate(scratch.url)).applied;
}, 120_000);
afterAll(async () => drop());

describe("upgrading a database from an earlier release", () => {
  it("applies every later migration", async () => {
    expect(applied).toEqual((await readMigrations()).map((m) => m.name).filter((name) => name > EARLIER));
  });

  it("keeps every row with the values it had", async () => {
    // Every row has its id among its columns, so no two rows look alike.
    const after = await everyRow();
    for (const [table, rows] of before) {
      const columns = Object.keys(rows[0] ?? {});
      // Later migrations may add rows (a flag row for a release that names one), never lose or change one.
      const kept = (after.get(table) ?? []).map((row) => asBefore(row, columns));
      expect({ table, rows: kept }).toEqual({ table, rows: expect.arrayContaining(rows.map((row) => asBefore(row, columns))) });
    }
    expect(before.get("signal_samples")).toHaveLength(500);
    expect(before.get("audit_events")).toHaveLength(4);
  });

  it("fills what later migrations derive from old rows", async () => {
    const item = await one<{ computed_proof: string | null }>("SELECT computed_proof FROM checklist_items");
    expect(item.computed_proof).toBe("old_columns_unread");
  });

  it("verifies the audit trail across the upgrade and keeps appending to it", async () => {
    expect(await verifyChain(sql)).toMatchObject({ ok: true, count: 4, lastId: "4" });
    await appendNow(release, "note.added", { text: "after the upgrade" });
    expect(await verifyChain(sql)).toMatchObject({ ok: true, count: 5, lastId: "5" });
    const algs = await sql.query<{ hash_alg: string }>("SELECT hash_alg FROM audit_events ORDER BY id");
    expect(algs.map((row) => row.hash_alg.split(":")[0])).toEqual(["sha256", "sha256", "hmac-sha256", "hmac-sha256", "hmac-sha256"]);
  });
});
