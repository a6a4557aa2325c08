import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import type { StopSpec } from "@/lib/audit/report/breach-to-off";
import type { AuditEntry, TimePoint, TimeWindow } from "@/lib/audit/report/types";
import type { Comparator, Unit } from "@/lib/signals/evaluate";

// Reads for a release's audit timeline and post-release report. Every signed-in user may read
// every release (PRODUCT.md), so the user is taken for the record, not to filter. Nothing here is
// unbounded: events stop at EVENT_LIMIT, samples arrive pre-bucketed, breaches one per criterion.
// Samples are read raw and, once retention has rolled them up, from their per-minute rows.

const EVENT_LIMIT = 5000;
// Lowest and highest sample per bucket: at most twice this many rows per signal, however long the
// deploy ran; lib/audit/report/downsample.ts then shapes the chart's share.
export const SAMPLE_BUCKETS = 1000;
const DECISION_LIMIT = 500;

const person = { select: { id: true, name: true } } as const;

export async function getReleaseAuditHeader(_user: CurrentUser, id: string) {
  return db.release.findUnique({ where: { id }, select: { id: true, title: true, status: true, startedAt: true, finishedAt: true } });
}

export async function listReleaseEvents(_user: CurrentUser, releaseId: string): Promise<{ events: AuditEntry[]; truncated: boolean }> {
  const rows = await db.auditEvent.findMany({
    where: { releaseId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: EVENT_LIMIT + 1,
    select: { id: true, at: true, actorType: true, actorId: true, actorLabel: true, action: true, before: true, after: true },
  });
  const events = rows.slice(0, EVENT_LIMIT).map((row) => ({ ...row, id: row.id.toString(), at: row.at.getTime() }));
  return { events, truncated: rows.length > EVENT_LIMIT };
}

export interface SeriesSignal {
  key: string;
  name: string;
  unit: Unit;
  criteria: { comparator: Comparator; warnThreshold: number | null; stopThreshold: number | null }[];
  points: TimePoint[];
}

// Samples that are not numbers draw nothing and breach nothing (as in lib/signals/evaluate.ts).
const FINITE = `x.value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`;
const iso = (ms: number) => new Date(ms).toISOString();

// A release's samples in the window: raw ones, and for minutes whose raw samples retention has
// rolled up (lib/signals/retention), that minute's lowest and highest sample, at their own times.
// Each sample is in one place or the other, never both. Non-numbers were never rolled up.
const WINDOW_SAMPLES = `
  SELECT x.signal_id, x.at, x.value
    FROM signal_samples x JOIN signals g ON g.id = x.signal_id
   WHERE g.release_id = $1::uuid AND x.at >= $2::timestamptz AND x.at <= $3::timestamptz AND ${FINITE}
  UNION ALL
  SELECT m.signal_id, p.at, p.value
    FROM signal_sample_minutes m JOIN signals g ON g.id = m.signal_id
   CROSS JOIN LATERAL (VALUES (m.min_at, m.min, true), (m.max_at, m.max, m.max_at <> m.min_at)) AS p(at, value, kept)
   WHERE g.release_id = $1::uuid AND m.minute >= date_trunc('minute', $2::timestamptz, 'UTC') AND m.minute <= $3::timestamptz
     AND p.kept AND p.at >= $2::timestamptz AND p.at <= $3::timestamptz`;

// Lowest and highest sample per time bucket over the window. width_bucket's upper bound is
// exclusive, so it gets an extra millisecond: a sample at the very end still has a bucket.
const SERIES_SQL = `
  WITH x AS (${WINDOW_SAMPLES}),
  bucketed AS (
    SELECT x.signal_id, x.at, x.value,
           width_bucket(extract(epoch FROM x.at)::float8, extract(epoch FROM $2::timestamptz)::float8, extract(epoch FROM $3::timestamptz)::float8 + 0.001, $4::int) AS b
      FROM x),
  ranked AS (
    SELECT signal_id, at, value,
           row_number() OVER (PARTITION BY signal_id, b ORDER BY value, at) AS low,
           row_number() OVER (PARTITION BY signal_id, b ORDER BY value DESC, at) AS high
      FROM bucketed)
  SELECT signal_id::text, (extract(epoch FROM at) * 1000)::float8 AS at, value FROM ranked WHERE low = 1 OR high = 1 ORDER BY signal_id, at`;

export async function listDeploySeries(_user: CurrentUser, releaseId: string, window: TimeWindow): Promise<SeriesSignal[]> {
  const [signals, samples] = await Promise.all([
    db.signal.findMany({
      where: { releaseId },
      orderBy: [{ createdAt: "asc" }, { key: "asc" }],
      select: {
        id: true,
        key: true,
        name: true,
        unit: true,
        criteria: { orderBy: { position: "asc" }, select: { comparator: true, warnThreshold: true, stopThreshold: true } },
      },
    }),
    db.$queryRawUnsafe<{ signal_id: string; at: number; value: number }[]>(SERIES_SQL, releaseId, iso(window.from), iso(window.to), SAMPLE_BUCKETS),
  ]);
  const points = new Map<string, TimePoint[]>();
  for (const row of samples) {
    const list = points.get(row.signal_id) ?? [];
    if (!points.has(row.signal_id)) points.set(row.signal_id, list);
    list.push({ at: Number(row.at), value: Number(row.value) });
  }
  return signals.map(({ id, ...signal }) => ({ ...signal, points: points.get(id) ?? [] }));
}

// Each stop criterion's earliest breaching sample in the window (one index range scan apiece),
// which is all lib/audit/report/breach-to-off.ts needs to find the first breach of all. Where the
// raw samples were rolled up, a breaching minute offers its extreme sample (the highest for GT/GTE,
// the lowest for LT/LTE): a real breaching sample, at most a minute after the first one was.
const breaches = (v: string) =>
  `CASE c.comparator WHEN 'GT' THEN ${v} > c.stop_threshold WHEN 'GTE' THEN ${v} >= c.stop_threshold
                     WHEN 'LT' THEN ${v} < c.stop_threshold ELSE ${v} <= c.stop_threshold END`;
const FIRST_BREACH_SQL = `
  SELECT g.key, g.name, g.unit::text AS unit, c.comparator::text AS comparator, c.stop_threshold,
         (extract(epoch FROM b.at) * 1000)::float8 AS at, b.value
    FROM criteria c JOIN signals g ON g.id = c.signal_id
    LEFT JOIN LATERAL (
      SELECT at, value FROM (
        (SELECT x.at, x.value FROM signal_samples x
          WHERE x.signal_id = c.signal_id AND x.at >= $2::timestamptz AND x.at <= $3::timestamptz AND ${FINITE} AND ${breaches("x.value")}
          ORDER BY x.at LIMIT 1)
        UNION ALL
        (SELECT e.at, e.v FROM signal_sample_minutes m
          CROSS JOIN LATERAL (SELECT CASE WHEN c.comparator IN ('GT', 'GTE') THEN m.max_at ELSE m.min_at END AS at,
                                     CASE WHEN c.comparator IN ('GT', 'GTE') THEN m.max ELSE m.min END AS v) AS e
          WHERE m.signal_id = c.signal_id AND m.minute >= date_trunc('minute', $2::timestamptz, 'UTC') AND m.minute <= $3::timestamptz
            AND e.at >= $2::timestamptz AND e.at <= $3::timestamptz AND ${breaches("e.v")}
          ORDER BY m.minute LIMIT 1)) AS found
       ORDER BY at LIMIT 1) b ON true
   WHERE c.release_id = $1::uuid AND c.stop_threshold IS NOT NULL
   ORDER BY c.position`;

interface FirstBreachRow {
  key: string;
  name: string;
  unit: Unit;
  comparator: Comparator;
  stop_threshold: number;
  at: number | null;
  value: number | null;
}

export async function listFirstStopBreaches(
  _user: CurrentUser,
  releaseId: string,
  window: TimeWindow,
): Promise<{ specs: StopSpec[]; samplesByKey: Record<string, TimePoint[]> }> {
  const rows = await db.$queryRawUnsafe<FirstBreachRow[]>(FIRST_BREACH_SQL, releaseId, iso(window.from), iso(window.to));
  const samplesByKey: Record<string, TimePoint[]> = {};
  const specs = rows.map((row): StopSpec => {
    if (row.at !== null && row.value !== null) (samplesByKey[row.key] ??= []).push({ at: Number(row.at), value: Number(row.value) });
    return { signalKey: row.key, signalName: row.name, unit: row.unit, comparator: row.comparator, stopThreshold: Number(row.stop_threshold) };
  });
  return { specs, samplesByKey };
}

// What the report adds to the plan (lib/releases/queries.ts getReleasePlan): when each stage ran,
// and every decision with its snapshot.
export async function getReportFacts(_user: CurrentUser, id: string) {
  return db.release.findUnique({
    where: { id },
    select: {
      status: true,
      startedAt: true,
      finishedAt: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, kind: true, startedAt: true, completedAt: true } },
      decisions: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: DECISION_LIMIT,
        select: { id: true, verdict: true, reason: true, createdAt: true, snapshot: true, actor: person, stage: { select: { kind: true } } },
      },
    },
  });
}

export type ReportFacts = NonNullable<Awaited<ReturnType<typeof getReportFacts>>>;
