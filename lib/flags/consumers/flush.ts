import type { Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { flagOf, state, type Entry } from "@/lib/flags/consumers/memory";

// Each instance's once-a-second write of what it served (tracker.ts) to flag_consumers: one
// upsert for the serves, one update for the open streams of consumers it served nothing. A new
// value or version is written at once; a mere "still here" only when it moved by more than
// LAST_SEEN_SLACK_MS; and for a minute after a flag changes, every serve of it, so the latest
// serve by any instance is what the row holds while the flip's convergence is judged.
//
// Rows are written in one order, (flag_key, environment, consumer) by bytes, by every statement
// of every instance: two instances locking the same rows in opposite orders would deadlock.

const LAST_SEEN_SLACK_MS = 30_000;
const WATCH_MS = 60_000;
// A sighting not renewed for this long is of a stream that has closed.
const SIGHTING_TTL_MS = 5 * 60_000;

const UPSERT = `
INSERT INTO flag_consumers AS c (flag_key, environment, consumer, token_name, enabled, version, version_at, served_at, last_seen_at, via)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[])
  AS s(flag_key, environment, consumer, token_name, enabled, version, version_at, served_at, last_seen_at, via)
 ORDER BY s.flag_key COLLATE "C", s.environment COLLATE "C", s.consumer COLLATE "C"
ON CONFLICT (flag_key, environment, consumer) DO UPDATE SET
  token_name = EXCLUDED.token_name,
  enabled = CASE WHEN EXCLUDED.served_at >= c.served_at THEN EXCLUDED.enabled ELSE c.enabled END,
  version = CASE WHEN EXCLUDED.served_at >= c.served_at THEN EXCLUDED.version ELSE c.version END,
  version_at = CASE WHEN EXCLUDED.version = c.version THEN LEAST(c.version_at, EXCLUDED.version_at)
                    WHEN EXCLUDED.served_at >= c.served_at THEN EXCLUDED.version_at ELSE c.version_at END,
  served_at = GREATEST(c.served_at, EXCLUDED.served_at),
  via = CASE WHEN EXCLUDED.last_seen_at >= c.last_seen_at THEN EXCLUDED.via ELSE c.via END,
  last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at)`;

// A sighting with no flag key covers the consumer's rows of every flag of the environment.
const SEEN = `
WITH s AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS s(flag_key, environment, consumer, seen)),
target AS (
  SELECT c.id, s.seen FROM s
    JOIN flags f ON f.environment = s.environment AND (s.flag_key IS NULL OR f.key = s.flag_key)
    JOIN flag_consumers c ON c.flag_key = f.key AND c.environment = s.environment AND c.consumer = s.consumer
   WHERE c.last_seen_at < s.seen - interval '${LAST_SEEN_SLACK_MS / 1000} seconds'
   ORDER BY c.flag_key COLLATE "C", c.environment COLLATE "C", c.consumer COLLATE "C"
   FOR UPDATE OF c)
UPDATE flag_consumers c SET last_seen_at = target.seen, via = 'stream' FROM target WHERE c.id = target.id`;

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const inOrder = <T extends { flagKey: string | null; environment: string; consumer: string }>(rows: T[]) =>
  rows.sort((a, b) => byBytes(a.flagKey ?? "", b.flagKey ?? "") || byBytes(a.environment, b.environment) || byBytes(a.consumer, b.consumer));

function watched(entry: Entry, now: number): boolean {
  const changedAt = Math.max(state.changedAt.get(flagOf(entry.environment, entry.flagKey)) ?? -Infinity, state.changedAt.get("*") ?? -Infinity);
  return now - changedAt < WATCH_MS;
}

function due(entry: Entry, now: number): boolean {
  const { flushed } = entry;
  if (!flushed || flushed.enabled !== entry.enabled || flushed.version !== entry.version) return true;
  if (entry.lastSeen.getTime() - flushed.seen > LAST_SEEN_SLACK_MS) return true;
  return entry.servedAt.getTime() > flushed.servedAt && watched(entry, now);
}

async function flushServes(db: Db, now: number) {
  const due_ = [...state.consumers.values()].flatMap((flags) => [...flags.values()]).filter((entry) => due(entry, now));
  if (due_.length === 0) return;
  const rows = inOrder(due_.map((entry) => ({ entry, ...entry, servedMs: entry.servedAt.getTime(), seenMs: entry.lastSeen.getTime() })));
  await asSql(db).query(UPSERT, [
    rows.map((r) => r.flagKey),
    rows.map((r) => r.environment),
    rows.map((r) => r.consumer),
    rows.map((r) => r.tokenName),
    rows.map((r) => r.enabled),
    rows.map((r) => r.version),
    rows.map((r) => r.versionAt),
    rows.map((r) => r.servedAt),
    rows.map((r) => r.lastSeen),
    rows.map((r) => r.via),
  ]);
  for (const r of rows) r.entry.flushed = { enabled: r.enabled, version: r.version, servedAt: r.servedMs, seen: r.seenMs };
}

async function flushSightings(db: Db, now: number) {
  for (const [key, sighting] of state.sightings) if (now - sighting.seen > SIGHTING_TTL_MS) state.sightings.delete(key);
  const due_ = [...state.sightings.values()].filter((s) => s.flushedSeen === null || s.seen - s.flushedSeen > LAST_SEEN_SLACK_MS);
  if (due_.length === 0) return;
  const rows = inOrder(due_.map((sighting) => ({ sighting, ...sighting, seenAt: sighting.seen })));
  await asSql(db).query(SEEN, [rows.map((r) => r.flagKey), rows.map((r) => r.environment), rows.map((r) => r.consumer), rows.map((r) => new Date(r.seenAt))]);
  for (const r of rows) r.sighting.flushedSeen = r.seenAt;
}

export async function flush(db: Db): Promise<void> {
  const now = Date.now();
  for (const [key, at] of state.changedAt) if (now - at >= WATCH_MS) state.changedAt.delete(key);
  await flushServes(db, now);
  await flushSightings(db, now);
}
