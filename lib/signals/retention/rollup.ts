import type { Db } from "@/lib/db";

// One bounded step of retention: a signal's oldest raw samples (at most `limit`) are deleted and,
// in the same statement, folded into their per-minute rows (signal_sample_minutes). One statement
// is one transaction: a sample is either raw or rolled up, never both, never neither, and the row
// locks last for one batch only. A minute split across two batches merges on conflict, which is
// why the table keeps sum, count and the times of min, max and last rather than finished figures.
// Samples that are not numbers are deleted without a trace, as the report already ignores them.

const ROLLUP_SQL = `
  WITH doomed AS (
    DELETE FROM signal_samples
     WHERE id IN (SELECT id FROM signal_samples WHERE signal_id = $1::uuid ORDER BY at, id LIMIT $2::int)
    RETURNING id, signal_id, at, value
  ), minutes AS (
    SELECT signal_id, date_trunc('minute', at, 'UTC') AS minute, count(*)::int AS count, sum(value) AS sum,
           min(value) AS min, (array_agg(at ORDER BY value, at))[1] AS min_at,
           max(value) AS max, (array_agg(at ORDER BY value DESC, at))[1] AS max_at,
           (array_agg(value ORDER BY at DESC, id DESC))[1] AS last, max(at) AS last_at
      FROM doomed
     WHERE value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
     GROUP BY signal_id, date_trunc('minute', at, 'UTC')
  ), merged AS (
    INSERT INTO signal_sample_minutes AS m (signal_id, minute, count, sum, min, min_at, max, max_at, last, last_at)
    SELECT signal_id, minute, count, sum, min, min_at, max, max_at, last, last_at FROM minutes
    ON CONFLICT (signal_id, minute) DO UPDATE SET
      count = m.count + EXCLUDED.count,
      sum = m.sum + EXCLUDED.sum,
      min = least(m.min, EXCLUDED.min),
      min_at = CASE WHEN EXCLUDED.min < m.min OR (EXCLUDED.min = m.min AND EXCLUDED.min_at < m.min_at) THEN EXCLUDED.min_at ELSE m.min_at END,
      max = greatest(m.max, EXCLUDED.max),
      max_at = CASE WHEN EXCLUDED.max > m.max OR (EXCLUDED.max = m.max AND EXCLUDED.max_at < m.max_at) THEN EXCLUDED.max_at ELSE m.max_at END,
      last = CASE WHEN EXCLUDED.last_at >= m.last_at THEN EXCLUDED.last ELSE m.last END,
      last_at = greatest(m.last_at, EXCLUDED.last_at)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM doomed)::int AS deleted, (SELECT count(*) FROM merged)::int AS minutes`;

export interface RollupStep {
  deleted: number;
  minutes: number;
}

export async function rollUpOldestSamples(db: Db, signalId: string, limit: number): Promise<RollupStep> {
  const [row] = await db.$queryRawUnsafe<RollupStep[]>(ROLLUP_SQL, signalId, limit);
  return { deleted: row?.deleted ?? 0, minutes: row?.minutes ?? 0 };
}
