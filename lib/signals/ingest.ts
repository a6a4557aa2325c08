import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";

// Every signal source (push API, Prometheus poller, demo generator) lands samples here: one
// multi-row INSERT and one NOTIFY in one transaction, so listeners hear only of stored samples.

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
  return db.$transaction(async (tx) => {
    // Sample ids of one release must become visible in id order, or a live stream reading "after
    // id N" could skip a batch that committed late: one writer per release at a time.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.signalIngest}::int, hashtext(${releaseId}))`;
    const [row] = await tx.$queryRaw<{ last_id: bigint; inserted: bigint }[]>`
      WITH inserted AS (
        INSERT INTO signal_samples (signal_id, at, value)
        SELECT * FROM unnest(${ids}::uuid[], ${ats}::timestamptz[], ${values}::float8[])
        RETURNING id
      )
      SELECT max(id) AS last_id, count(*) AS inserted FROM inserted`;
    const lastId = row?.last_id ?? null;
    await tx.$executeRaw`SELECT pg_notify(${SAMPLES_CHANNEL}, ${JSON.stringify({ releaseId, lastId: lastId?.toString() ?? null })})`;
    return { inserted: Number(row?.inserted ?? 0), lastId };
  });
}
