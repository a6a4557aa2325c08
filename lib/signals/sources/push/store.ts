import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";
import { ENDED_STATUSES } from "@/lib/releases/status";
import { SAMPLES_CHANNEL } from "@/lib/signals/ingest";

// A pushed batch stored in one statement, the push API's one round trip: the release's status,
// the batch's signal keys matched to the release's signals, and only when both hold, the release's
// ingest lock, the INSERT and its NOTIFY, all in the statement's own transaction. The same lock
// and ordering as ingestSamples (lib/signals/ingest.ts): ids of one release become visible in
// order. Nothing is stored from a batch with an unknown key or for a release that has ended.

export interface PushedSample {
  key: string;
  value: number;
  at: Date;
}

export type StoreOutcome =
  | { kind: "stored"; inserted: number }
  | { kind: "missing" }
  | { kind: "ended" }
  // Positions (0-based) of the samples whose key is not a signal of the release.
  | { kind: "unknown"; positions: number[] };

export async function storePushed(db: Db, releaseId: string, samples: PushedSample[]): Promise<StoreOutcome> {
  const keys = samples.map((s) => s.key);
  const ats = samples.map((s) => s.at.toISOString());
  const values = samples.map((s) => s.value);
  const [row] = await db.$queryRaw<{ status: string | null; unknown: number[]; inserted: bigint }[]>`
    WITH batch AS (
      SELECT b.n, s.id AS signal_id, b.at, b.value
      FROM unnest(${keys}::text[], ${ats}::timestamptz[], ${values}::float8[]) WITH ORDINALITY AS b(key, at, value, n)
      LEFT JOIN signals s ON s.release_id = ${releaseId}::uuid AND s.key = b.key
    ), verdict AS (
      SELECT (SELECT status::text FROM releases WHERE id = ${releaseId}::uuid) AS status,
             ARRAY(SELECT (n - 1)::int FROM batch WHERE signal_id IS NULL ORDER BY n) AS unknown
    ), locked AS (
      SELECT pg_advisory_xact_lock(${LOCK.signalIngest}::int, hashtext(${releaseId}))
      FROM verdict
      WHERE verdict.status IS NOT NULL AND NOT (verdict.status = ANY(${[...ENDED_STATUSES]}::text[])) AND cardinality(verdict.unknown) = 0
    ), inserted AS (
      INSERT INTO signal_samples (signal_id, at, value)
      SELECT batch.signal_id, batch.at, batch.value FROM locked, batch ORDER BY batch.n
      RETURNING id
    ), summary AS (
      SELECT max(id) AS last_id, count(*) AS inserted FROM inserted
    ), notified AS (
      SELECT pg_notify(${SAMPLES_CHANNEL}, json_build_object('releaseId', ${releaseId}::text, 'lastId', last_id::text)::text)
      FROM summary WHERE inserted > 0
    )
    SELECT verdict.status, verdict.unknown, summary.inserted, (SELECT count(*) FROM notified) AS notified
    FROM verdict, summary`;
  if (!row?.status) return { kind: "missing" };
  if ((ENDED_STATUSES as readonly string[]).includes(row.status)) return { kind: "ended" };
  if (row.unknown.length) return { kind: "unknown", positions: row.unknown };
  return { kind: "stored", inserted: Number(row.inserted) };
}
