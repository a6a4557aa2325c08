import pg from "pg";

// A large audit trail in one INSERT … SELECT over generate_series, for timing reads. The hash
// chain is not computed (reads do not check it); hashes are unique 64-hex strings so the unique
// index and the export carry realistic widths. Choices come from hashint4(g), so every run seeds
// the same trail. Shape: one event every ~30 s over a year; each release is "active" for its own
// week and gets 90 % of that week's events, 7 % land on a random release, 3 % on none (sign-ins);
// ~10 % of events come from two system actors.
//
// Loaded the way PostgreSQL's manual advises for bulk loads: secondary indexes dropped and rebuilt
// afterwards from their own definitions, and foreign-key triggers skipped for this session (every
// id comes from the rows inserted just before). That is ~3× faster than row-by-row maintenance.

export const SEED_ACTIONS = [
  "release.created",
  "release.updated",
  "release.renamed",
  "release.status_changed",
  "release.deploy_started",
  "release.auto_stopped",
  "release.auto_stop_acknowledged",
  "stage.updated",
  "stage.completed",
  "checklist.item_added",
  "checklist.item_edited",
  "checklist.item_moved",
  "checklist.item_removed",
  "checklist.item_ticked",
  "checklist.item_unticked",
  "criterion.added",
  "criterion.updated",
  "criterion.removed",
  "decision.recorded",
  "drill.recorded",
  "flag.changed",
  "flag.flip_failed",
  "runbook.role_assigned",
  "runbook.step_added",
  "runbook.step_edited",
  "runbook.step_removed",
  "token.created",
  "token.revoked",
  "auth.signed_in",
  "auth.sign_in_failed",
];

export const SYSTEM_LABELS = ["Switchback auto-stop", "github sign-in"];

export interface SeededTrail {
  releases: string[];
  users: string[];
  start: Date;
  end: Date;
}

// 55 + 9 hex digits (to_hex of 2^32 + g): 64 characters like a SHA-256, built without lpad (3× slower).
const HASH_PREFIX = "b".padEnd(55, "0");

const h = (salt: number, n: string) => `((hashint4(g + ${salt})::bigint & 2147483647) % ${n})::int`;

// Payloads are a handful of constants: building jsonb per row would double the load time.
const INSERT = `
  INSERT INTO audit_events (at, actor_type, actor_id, actor_label, release_id, action, before, after, summary, prev_hash, hash)
  SELECT $5::timestamptz + (g::float8 / $6::int) * interval '365 days',
         CASE WHEN actor > $7::int THEN 'SYSTEM' ELSE 'USER' END::"ActorType",
         ($1::uuid[])[actor], ($2::text[])[actor], ($3::uuid[])[rel], ($4::text[])[action],
         CASE g % 2 WHEN 0 THEN '{"enabled": false, "text": "Backfill batched with checkpoints"}'::jsonb END,
         CASE g % 3 WHEN 0 THEN '{"enabled": true, "stage": "EXPAND", "text": "New columns nullable"}'::jsonb
                    WHEN 1 THEN '{"enabled": false, "stage": "MIGRATE", "text": "Backfill batched with checkpoints"}'::jsonb
                    ELSE '{"enabled": true, "stage": "CONTRACT", "text": "Old columns unread (proof)"}'::jsonb END,
         CASE g % 3 WHEN 0 THEN 'ticked “New columns nullable” in Expand'
                    WHEN 1 THEN 'unticked “Backfill batched with checkpoints” in Migrate'
                    ELSE 'added “Old columns unread (proof)” to Contract' END,
         '${HASH_PREFIX}' || to_hex(4294967296 + g - 1), '${HASH_PREFIX}' || to_hex(4294967296 + g)
    FROM (SELECT g, 1 + ${h(1, "array_length($1::uuid[], 1)")} AS actor, 1 + ${h(3, "array_length($4::text[], 1)")} AS action,
                 CASE WHEN ${h(2, "100")} < 3 THEN NULL
                      WHEN ${h(2, "100")} < 10 THEN 1 + ${h(7, "$8::int")}
                      ELSE 1 + ((g - 1)::bigint * $8::int / $6::int)::int END AS rel
            FROM generate_series(1, $6::int) g) e`;

export async function seedAuditTrail(
  databaseUrl: string,
  count: number,
  { releases = 50, users = 18, start = new Date("2025-11-01T00:00:00Z") } = {},
): Promise<SeededTrail> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = async <T>(text: string, params: unknown[] = []) => (await client.query({ text, values: params })).rows as T[];
    const releaseIds = (
      await rows<{ id: string }>(`INSERT INTO releases (title) SELECT 'Bench release ' || g FROM generate_series(1, $1::int) g RETURNING id::text AS id`, [
        releases,
      ])
    ).map((r) => r.id);
    const people = await rows<{ id: string; name: string }>(
      `INSERT INTO users (email, name, role) SELECT 'bench-' || g || '@bench.test', 'Bench user ' || g, 'OPERATOR' FROM generate_series(1, $1::int) g RETURNING id::text AS id, name`,
      [users],
    );
    const indexes = await rows<{ name: string; definition: string }>(
      "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'audit_events' AND indexname <> 'audit_events_pkey'",
    );
    await client.query("SET session_replication_role = replica");
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    const actorIds = [...people.map((p) => p.id), ...SYSTEM_LABELS.map(() => null)];
    const actorLabels = [...people.map((p) => p.name), ...SYSTEM_LABELS];
    await client.query(INSERT, [actorIds, actorLabels, releaseIds, SEED_ACTIONS, start.toISOString(), count, people.length, releaseIds.length]);
    for (const index of indexes) await client.query(index.definition);
    return { releases: releaseIds, users: people.map((p) => p.id), start, end: new Date(start.getTime() + 365 * 86_400_000) };
  } finally {
    await client.end();
  }
}
