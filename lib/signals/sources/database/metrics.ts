import type { pg } from "@/lib/db/pg";
import { DB_METRIC_KEYS, type DbMetricKey } from "@/lib/signals/sources/database/config";
import type { SignalUnit } from "@/lib/signals/sources/types";

// The built-in database signals. Each `sql` is a scalar subquery; the ones a release uses are read
// together in one statement (one round trip, catalog views only) per poll. Lock waits, the longest
// transaction and the longest query count the target database only (other databases on the same
// server are not the release's); connections and replica lag are the server's.
//
// The session list is read once per statement (the CTE `activity`): every mention of
// pg_stat_activity would build it again, which on a server with a few hundred sessions is what a
// poll's database time is made of.

export interface DbMetric {
  label: string;
  unit: SignalUnit;
  description: string;
  sql: string;
}

// Switchback's own sessions are left out: its poll is always "the query running now".
const OTHERS = `datid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> 'switchback'`;

// pg_stat_get_activity is what pg_stat_activity reads, without the view's joins we do not need.
const ACTIVITY = `activity AS MATERIALIZED (
  SELECT datid, pid, backend_type, application_name, state, wait_event_type, xact_start, query_start FROM pg_stat_get_activity(NULL))`;

export const DATABASE_METRICS: Record<DbMetricKey, DbMetric> = {
  lock_waits: {
    label: "Lock waits",
    unit: "COUNT",
    description: "Sessions on the target database waiting for a lock right now.",
    sql: `SELECT count(*) FROM activity WHERE ${OTHERS} AND wait_event_type = 'Lock'`,
  },
  longest_transaction: {
    label: "Longest transaction",
    unit: "SECONDS",
    description: "How long the oldest open transaction on the target database has been open (0 when none is).",
    sql: `SELECT coalesce(extract(epoch FROM max(now() - xact_start)), 0) FROM activity WHERE ${OTHERS} AND xact_start IS NOT NULL`,
  },
  longest_query: {
    label: "Longest query",
    unit: "SECONDS",
    description: "How long the longest-running statement on the target database has been running (0 when none is).",
    sql: `SELECT coalesce(extract(epoch FROM max(now() - query_start)), 0) FROM activity WHERE ${OTHERS} AND state = 'active'`,
  },
  // On a replica: 0 while it has replayed all it received (an idle primary sends nothing, and the
  // last replayed commit only grows old), otherwise the age of the last replayed commit. On a
  // primary: the largest replay_lag of its standbys; a standby that has caught up reports NULL
  // there (0), and a primary with no standby has nothing lagging (0). A standby that disconnected
  // leaves pg_stat_replication, so watch the replica itself when that matters.
  replica_lag: {
    label: "Replica lag",
    unit: "SECONDS",
    description: "Seconds the replica is behind its primary (on a replica), or the largest replay lag of the primary's standbys (0 with none).",
    sql: `SELECT CASE WHEN pg_is_in_recovery() THEN
        CASE WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
             ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp())) END
      ELSE (SELECT coalesce(extract(epoch FROM max(replay_lag)), 0) FROM pg_stat_replication) END`,
  },
  connections_used: {
    label: "Connections used",
    unit: "PERCENT",
    description: "Client sessions on the server as a percentage of max_connections.",
    sql: `SELECT 100.0 * count(*) / current_setting('max_connections')::int FROM activity WHERE backend_type = 'client backend'`,
  },
  // A counter since the statistics were last reset: the rate comes from two readings.
  deadlocks: {
    label: "Deadlocks",
    unit: "COUNT",
    description: "Deadlocks detected in the target database per minute, from the change between two polls.",
    sql: `SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`,
  },
};

const readStatement = (keys: readonly DbMetricKey[]) =>
  `WITH ${ACTIVITY} SELECT ${keys.map((key) => `(${DATABASE_METRICS[key].sql})::float8 AS ${key}`).join(", ")}`;

/** The previous reading of a counter (the deadlock total), kept per signal between polls. */
export interface CounterMemory {
  previous?: { value: number; at: number };
}

export type RawReadings = Record<DbMetricKey, number | null>;

/** The built-in metrics asked for (all by default) in one statement; the others read null. */
export async function readRawMetrics(client: pg.ClientBase, keys: readonly DbMetricKey[] = DB_METRIC_KEYS): Promise<RawReadings> {
  const wanted = DB_METRIC_KEYS.filter((key) => keys.includes(key));
  const none = Object.fromEntries(DB_METRIC_KEYS.map((key) => [key, null])) as RawReadings;
  if (wanted.length === 0) return none;
  const { rows } = await client.query<RawReadings>(readStatement(wanted));
  return { ...none, ...rows[0]! };
}

/** The value of one metric from a raw reading; null when there is none this time (a first deadlock reading). */
export function metricValue(key: DbMetricKey, raw: RawReadings, memory: CounterMemory = {}, now = Date.now()): number | null {
  const value = raw[key];
  if (value === null || !Number.isFinite(value)) return null;
  if (key !== "deadlocks") return value;
  const previous = memory.previous;
  memory.previous = { value, at: now };
  // No earlier reading, or the statistics were reset since: no rate yet.
  if (!previous || value < previous.value || now <= previous.at) return null;
  return ((value - previous.value) * 60_000) / (now - previous.at);
}

export async function readBuiltinMetric(client: pg.ClientBase, key: DbMetricKey, memory?: CounterMemory): Promise<number | null> {
  return metricValue(key, await readRawMetrics(client, [key]), memory);
}
