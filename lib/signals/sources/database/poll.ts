import type { Db } from "@/lib/db";
import type { pg } from "@/lib/db/pg";
import { ingestSamples, type IncomingSample } from "@/lib/signals/ingest";
import { DB_METRIC_KEYS, SQL_METRIC, type DbMetricKey } from "@/lib/signals/sources/database/config";
import { metricValue, readRawMetrics, type CounterMemory, type RawReadings } from "@/lib/signals/sources/database/metrics";
import { readSqlSignal } from "@/lib/signals/sources/database/sql-signal";
import { withTarget } from "@/lib/targets/pool";
import { targetProblem } from "@/lib/targets/problem";
import type { WatchedRelease, WatchJob } from "@/lib/targets/watch/types";

// A release's Database signals, read on one session of its target per poll: every built-in metric
// in one statement, then each SQL signal. Values land through the shared ingestion; a signal with
// no value this time gets no sample (its criterion turns STALE by itself) and says why in lastError.

interface DbSignal {
  id: string;
  dbMetric: string | null;
  dbSql: string | null;
  lastError: string | null;
}

type Outcome = { value: number } | { problem: string | null };

// The previous deadlock total per signal, for its rate; kept in memory on the leader (a new leader
// starts without one, and its first reading gives no sample). A total not read for FORGET_MS (its
// signal or release deleted, the release finished, or just not polled) is dropped: the map holds only
// signals being polled, and a rate is never taken over such a gap.
const counters = new Map<string, CounterMemory>();
export const FORGET_MS = 10 * 60_000;

function forgetOldCounters(now: Date): void {
  for (const [id, memory] of counters) if (!memory.previous || now.getTime() - memory.previous.at > FORGET_MS) counters.delete(id);
}

const isBuiltin = (metric: string | null): metric is DbMetricKey => (DB_METRIC_KEYS as readonly string[]).includes(metric ?? "");

async function readSignals(client: pg.ClientBase, signals: DbSignal[], now: Date): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const builtins = signals.flatMap((s) => (isBuiltin(s.dbMetric) ? [s.dbMetric] : []));
  const raw: RawReadings | null = builtins.length ? await readRawMetrics(client, builtins) : null;
  for (const signal of signals) {
    if (raw && isBuiltin(signal.dbMetric)) {
      const memory = counters.get(signal.id) ?? {};
      if (signal.dbMetric === "deadlocks") counters.set(signal.id, memory);
      const value = metricValue(signal.dbMetric, raw, memory, now.getTime());
      // A first deadlock reading is no problem, only no rate yet.
      outcomes.set(signal.id, value === null ? { problem: signal.dbMetric === "deadlocks" ? null : "The target gave no reading for this metric." } : { value });
    } else if (signal.dbMetric === SQL_METRIC && signal.dbSql) {
      const reading = await readSqlSignal(client, signal.dbSql);
      outcomes.set(signal.id, reading.kind === "value" ? { value: reading.value } : { problem: reading.message });
    } else {
      outcomes.set(signal.id, { problem: "This signal does not say what to read; edit its criterion." });
    }
  }
  return outcomes;
}

// Why the target did not answer, in the sentence "Test connection" would give.
const unreachable = (release: WatchedRelease, error: unknown) => targetProblem(release.target, error);

export async function pollReleaseSignals(db: Db, release: WatchedRelease, now: Date): Promise<{ sampled: number }> {
  const signals = await db.signal.findMany({
    where: { releaseId: release.id, source: "DATABASE" },
    // In a fixed order, so each poll reads them alike.
    orderBy: { key: "asc" },
    select: { id: true, dbMetric: true, dbSql: true, lastError: true },
  });
  forgetOldCounters(now);
  if (signals.length === 0) return { sampled: 0 };
  let outcomes: Map<string, Outcome>;
  try {
    outcomes = await withTarget(release.target, (client) => readSignals(client, signals, now));
  } catch (error) {
    const problem = unreachable(release, error);
    outcomes = new Map(signals.map((s) => [s.id, { problem }]));
  }
  const samples: IncomingSample[] = [];
  const writes: Promise<unknown>[] = [];
  for (const signal of signals) {
    const outcome = outcomes.get(signal.id)!;
    if ("value" in outcome) samples.push({ signalId: signal.id, value: outcome.value, at: now });
    const lastError = "problem" in outcome ? outcome.problem : null;
    // Written only on change; updateMany, because a signal removed since the read is no failure.
    if (lastError !== signal.lastError) writes.push(db.signal.updateMany({ where: { id: signal.id }, data: { lastError } }));
  }
  writes.push(ingestSamples(db, release.id, samples));
  await Promise.all(writes);
  return { sampled: samples.length };
}

export const pollDatabaseSignals: WatchJob = (db, release, now) => pollReleaseSignals(db, release, now);
