import { getDb, type Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import type { ConsumerIdentity } from "@/lib/flags/consumers/identity";

// What each consumer was last served, per (flag, environment, consumer), kept in memory and
// flushed to flag_consumers once a second by each instance: never a database write per request.
// A newly served version is written at the next flush; a mere "still here" only when last_seen
// moved by more than LAST_SEEN_SLACK_MS. The upsert keeps the newest version, the earliest time
// it was first served (instances may both have served it) and the latest sighting.

export type Via = "stream" | "bulk" | "single";

interface Entry {
  flagKey: string;
  environment: string;
  consumer: string;
  tokenName: string;
  enabled: boolean;
  version: number;
  versionAt: Date;
  lastSeen: Date;
  via: Via;
  flushedVersion: number | null;
  flushedSeen: number | null;
}

const FLUSH_MS = 1_000;
const LAST_SEEN_SLACK_MS = 30_000;
// Bounded: beyond this, the consumers unseen longest are forgotten here (their rows stay).
const MAX_ENTRIES = 20_000;

interface State {
  // By `environment \n consumer`, then by flag key: a stream's heartbeat touches one consumer.
  consumers: Map<string, Map<string, Entry>>;
  size: number;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
}

const state = ((globalThis as unknown as { switchbackConsumers?: State }).switchbackConsumers ??= {
  consumers: new Map(),
  size: 0,
  timer: null,
  flushing: null,
});

const consumerKey = (environment: string, consumer: string) => `${environment}\n${consumer}`;

function startTimer() {
  if (state.timer) return;
  state.timer = setInterval(() => {
    if (!state.flushing) void flushConsumersNow().catch((error: unknown) => console.error("flag consumers: could not flush", error));
  }, FLUSH_MS);
  state.timer.unref();
}

function evict() {
  const all = [...state.consumers.values()].flatMap((flags) => [...flags.values()]);
  all.sort((a, b) => a.lastSeen.getTime() - b.lastSeen.getTime());
  for (const entry of all.slice(0, state.size - Math.floor(MAX_ENTRIES * 0.9))) {
    const key = consumerKey(entry.environment, entry.consumer);
    const flags = state.consumers.get(key);
    flags?.delete(entry.flagKey);
    if (flags?.size === 0) state.consumers.delete(key);
    state.size--;
  }
}

export function recordServed(
  flags: { key: string; environment: string; enabled: boolean; version: number }[],
  who: ConsumerIdentity,
  via: Via,
  now = new Date(),
) {
  for (const flag of flags) {
    const key = consumerKey(flag.environment, who.consumer);
    let byFlag = state.consumers.get(key);
    if (!byFlag) state.consumers.set(key, (byFlag = new Map()));
    const entry = byFlag.get(flag.key);
    if (!entry) {
      const { consumer, tokenName } = who;
      const { environment, enabled, version } = flag;
      byFlag.set(flag.key, {
        flagKey: flag.key,
        environment,
        consumer,
        tokenName,
        enabled,
        version,
        versionAt: now,
        lastSeen: now,
        via,
        flushedVersion: null,
        flushedSeen: null,
      });
      state.size++;
      continue;
    }
    // A lagging instance may serve an older version after a newer one: that moves nothing back.
    if (flag.version > entry.version) Object.assign(entry, { version: flag.version, enabled: flag.enabled, versionAt: now });
    entry.lastSeen = now;
    entry.via = via;
  }
  if (state.size > MAX_ENTRIES) evict();
  startTimer();
}

// An open event stream: the consumer is still there, whatever it was last served.
export function touchConsumer(environment: string, consumer: string, keys: string[] | null, now = new Date()) {
  for (const entry of state.consumers.get(consumerKey(environment, consumer))?.values() ?? []) {
    if (keys !== null && !keys.includes(entry.flagKey)) continue;
    entry.lastSeen = now;
    entry.via = "stream";
  }
}

const UPSERT = `
INSERT INTO flag_consumers AS c (flag_key, environment, consumer, token_name, enabled, version, version_at, last_seen_at, via)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::text[])
ON CONFLICT (flag_key, environment, consumer) DO UPDATE SET
  token_name = EXCLUDED.token_name,
  enabled = CASE WHEN EXCLUDED.version >= c.version THEN EXCLUDED.enabled ELSE c.enabled END,
  version_at = CASE WHEN EXCLUDED.version > c.version THEN EXCLUDED.version_at
                    WHEN EXCLUDED.version = c.version THEN LEAST(c.version_at, EXCLUDED.version_at) ELSE c.version_at END,
  version = GREATEST(c.version, EXCLUDED.version),
  via = CASE WHEN EXCLUDED.last_seen_at >= c.last_seen_at THEN EXCLUDED.via ELSE c.via END,
  last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at)`;

async function flush(db: Db) {
  const due = [...state.consumers.values()]
    .flatMap((flags) => [...flags.values()])
    .filter((e) => e.flushedVersion !== e.version || e.flushedSeen === null || e.lastSeen.getTime() - e.flushedSeen > LAST_SEEN_SLACK_MS)
    .map((entry) => ({ entry, version: entry.version, seen: entry.lastSeen.getTime(), row: { ...entry } }));
  if (due.length === 0) return;
  const rows = due.map((d) => d.row);
  await asSql(db).query(UPSERT, [
    rows.map((r) => r.flagKey),
    rows.map((r) => r.environment),
    rows.map((r) => r.consumer),
    rows.map((r) => r.tokenName),
    rows.map((r) => r.enabled),
    rows.map((r) => r.version),
    rows.map((r) => r.versionAt),
    rows.map((r) => r.lastSeen),
    rows.map((r) => r.via),
  ]);
  for (const { entry, version, seen } of due) Object.assign(entry, { flushedVersion: version, flushedSeen: seen });
}

// Writes what is due now; the timer calls it every second, tests call it directly.
export async function flushConsumersNow(db: Db = getDb()): Promise<void> {
  while (state.flushing) await state.flushing.catch(() => undefined);
  state.flushing = flush(db).finally(() => (state.flushing = null));
  return state.flushing;
}
