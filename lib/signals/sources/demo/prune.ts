import type { Db } from "@/lib/db";
import { ENDED_STATUSES } from "@/lib/releases/status";

// The demo generator keeps a rolling day of data: samples it wrote more than a day ago are
// deleted, at most `limit` per call so a long backlog (an install from before this) drains over
// several calls, each a short statement. Only releases the generator still writes to: a demo
// release that has ended keeps its last day and goes through retention like any other.

export const DEMO_KEEP_MS = 24 * 60 * 60_000;
export const DEMO_PRUNE_EVERY_MS = 60_000;
export const DEMO_PRUNE_LIMIT = 20_000;

export async function pruneDemoSamples(db: Db, now = new Date(), limit = DEMO_PRUNE_LIMIT): Promise<number> {
  return db.$executeRaw`
    DELETE FROM signal_samples WHERE id IN (
      SELECT x.id FROM signals g JOIN releases r ON r.id = g.release_id
        JOIN LATERAL (SELECT s.id FROM signal_samples s WHERE s.signal_id = g.id AND s.at < ${new Date(now.getTime() - DEMO_KEEP_MS)} ORDER BY s.at LIMIT ${limit}) x ON true
       WHERE r.is_demo AND g.source = 'DEMO' AND NOT (r.status::text = ANY(${[...ENDED_STATUSES]}::text[]))
       LIMIT ${limit})`;
}
