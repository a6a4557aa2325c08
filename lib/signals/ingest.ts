import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";

// Every signal source (push API, Prometheus poller, demo generator) lands samples here: one
// statement that takes the release's ingest lock, inserts the batch and queues its NOTIFY, run as
// its own transaction, so listeners hear only of stored samples. One round trip instead of an
// interactive transaction's five (BEGIN, lock, INSERT, NOTIFY, COMMIT): a push's cost.

export const SAMPLES_CHANNEL = "switchback_samples";

export interface IncomingSample {
  signalId: string;
  value: number;
  at: Date;
}

export async function ingestSamples(db: Db, releaseId: string, samples: IncomingSample[]): Promise<{ inserted: number; lastId: bigint | null }> {
  if (samples.length === 0) return { inserted: 0, lastId: null };
  const ids = samples.map((s) => s.signalId);
  const ats = samples.map((s) => s.at.toISOString());
  const values = samples.map((s) => s.value);
  // Sample ids of one release must become visible in id order, or a live stream reading "after id
  // N" could skip a batch that committed late: one writer per release at a time. The lock is taken
  // before the INSERT draws its first id (its rows come through `locked`) and held to the commit.
  const [row] = await db.$queryRaw<{ last_id: bigint | null; inserted: bigint }[]>`
    WITH locked AS (
      SELECT pg_advisory_xact_lock(${LOCK.signalIngest}::int, hashtext(${releaseId}))
    ), inserted AS (
      INSERT INTO signal_samples (signal_id, at, value)
      SELECT batch.signal_id, batch.at, batch.value
      FROM locked, unnest(${ids}::uuid[], ${ats}::timestamptz[], ${values}::float8[]) AS batch(signal_id, at, value)
      RETURNING id
    ), summary AS (
      SELECT max(id) AS last_id, count(*) AS inserted FROM inserted
    ), notified AS (
      SELECT pg_notify(${SAMPLES_CHANNEL}, json_build_object('releaseId', ${releaseId}::text, 'lastId', last_id::text)::text) FROM summary
    )
    SELECT last_id, inserted FROM summary, notified`;
  return { inserted: Number(row?.inserted ?? 0), lastId: row?.last_id ?? null };
}
