import type pg from "pg";

// The demo's Migrate job: fill users.first_name and last_name from full_name, 1,000 rows per batch
// in id order, each batch its own transaction that also stores the last id it reached in
// demo_backfill_checkpoint, so a job that is stopped resumes where it was. A batch locks its rows
// (FOR UPDATE) for as long as it runs: the simulated app's edits of those rows wait, and the
// cockpit's "Lock waits" shows it. The job stops at the highest id there was when it first started:
// the application dual-writes by then, so every later row already has both shapes.

export const BACKFILL_JOB = "users_split_full_name";

// How a name splits: the first word, and the rest (null when there is none).
export const FIRST_NAME_OF = (column: string) => `split_part(${column}, ' ', 1)`;
export const LAST_NAME_OF = (column: string) => `nullif(substr(${column}, length(split_part(${column}, ' ', 1)) + 2), '')`;

export interface BackfillProgress {
  lastId: number;
  filled: number;
  total: number;
  // filled / total, 0–100: what the job pushes as its progress signal.
  percent: number;
  finished: boolean;
}

export async function ensureCheckpointTable(client: pg.ClientBase): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS demo_backfill_checkpoint (
    job text PRIMARY KEY,
    last_id bigint NOT NULL DEFAULT 0,
    until_id bigint NOT NULL,
    finished_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`);
  await client.query("INSERT INTO demo_backfill_checkpoint (job, until_id) SELECT $1, coalesce(max(id), 0) FROM users ON CONFLICT (job) DO NOTHING", [
    BACKFILL_JOB,
  ]);
}

export async function readCheckpoint(client: pg.ClientBase): Promise<{ lastId: number; finished: boolean } | null> {
  const exists = (await client.query("SELECT to_regclass('public.demo_backfill_checkpoint') IS NOT NULL AS e")).rows[0]?.e as boolean;
  if (!exists) return null;
  const row = (
    await client.query<{ last_id: string; finished_at: Date | null }>("SELECT last_id, finished_at FROM demo_backfill_checkpoint WHERE job = $1", [
      BACKFILL_JOB,
    ])
  ).rows[0];
  return row ? { lastId: Number(row.last_id), finished: row.finished_at !== null } : null;
}

async function counts(client: pg.ClientBase): Promise<{ filled: number; total: number }> {
  const { rows } = await client.query<{ filled: string; total: string }>(
    "SELECT count(*) FILTER (WHERE first_name IS NOT NULL) AS filled, count(*) AS total FROM users",
  );
  return { filled: Number(rows[0]!.filled), total: Number(rows[0]!.total) };
}

// One batch: lock the next rows after the checkpoint, fill the ones still empty (the app may have
// written some already), move the checkpoint, commit. Answers the new last id, or null at the end.
async function runBatch(client: pg.ClientBase, batchSize: number, holdMs: number): Promise<number | null> {
  await client.query("BEGIN");
  try {
    const checkpoint = await client.query<{ last_id: string; until_id: string }>(
      "SELECT last_id, until_id FROM demo_backfill_checkpoint WHERE job = $1 FOR UPDATE",
      [BACKFILL_JOB],
    );
    const after = Number(checkpoint.rows[0]?.last_id ?? 0);
    const until = Number(checkpoint.rows[0]?.until_id ?? 0);
    const { rows } = await client.query<{ last_id: string | null }>(
      `WITH batch AS (SELECT id FROM users WHERE id > $1 AND id <= $3 ORDER BY id LIMIT $2 FOR UPDATE),
            filled AS (UPDATE users u SET first_name = ${FIRST_NAME_OF("u.full_name")}, last_name = ${LAST_NAME_OF("u.full_name")}
                         FROM batch WHERE u.id = batch.id AND u.first_name IS NULL RETURNING u.id)
       SELECT (SELECT max(id) FROM batch) AS last_id, (SELECT count(*) FROM filled) AS filled`,
      [after, batchSize, until],
    );
    const lastId = rows[0]?.last_id === null || rows[0]?.last_id === undefined ? null : Number(rows[0].last_id);
    if (lastId === null) {
      await client.query("UPDATE demo_backfill_checkpoint SET finished_at = now(), updated_at = now() WHERE job = $1", [BACKFILL_JOB]);
    } else {
      if (holdMs > 0) await client.query("SELECT pg_sleep($1)", [holdMs / 1000]);
      await client.query("UPDATE demo_backfill_checkpoint SET last_id = $2, updated_at = now() WHERE job = $1", [BACKFILL_JOB, lastId]);
    }
    await client.query("COMMIT");
    return lastId;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

// One batch from the checkpoint (the loop that runs them, and that asks the backfill switch
// before each, is lib/demo/backfill-loop.ts). Connected as the shop's owner, after Expand has
// added the columns; ensureCheckpointTable first.
export async function backfillBatch(client: pg.ClientBase, { batchSize = 1000, holdMs = 0 } = {}): Promise<BackfillProgress> {
  const lastId = await runBatch(client, batchSize, holdMs);
  return progressOf(client, lastId ?? (await readCheckpoint(client))!.lastId, lastId === null);
}

export async function backfillProgress(client: pg.ClientBase): Promise<BackfillProgress> {
  const checkpoint = (await readCheckpoint(client))!;
  return progressOf(client, checkpoint.lastId, checkpoint.finished);
}

async function progressOf(client: pg.ClientBase, lastId: number, finished: boolean): Promise<BackfillProgress> {
  const { filled, total } = await counts(client);
  return { lastId, filled, total, percent: total ? Math.round((1000 * filled) / total) / 10 : 100, finished };
}
