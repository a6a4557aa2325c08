import type { Db } from "@/lib/db";
import type { Cursor } from "@/lib/live/cursor";

// What a cockpit hears: new audit events and new samples of one release, read after a cursor.

export interface LiveSample {
  id: string;
  signalKey: string;
  at: number;
  value: number;
}

export interface LiveAuditEvent {
  id: string;
  at: string;
  action: string;
  actorLabel: string;
  before: unknown;
  after: unknown;
}

export interface LiveBatch {
  samples: LiveSample[];
  events: LiveAuditEvent[];
  cursor: Cursor;
}

const PAGE = 5000;

export async function readSince(db: Db, releaseId: string, since: Cursor, upTo?: Cursor): Promise<LiveBatch> {
  const [samples, events] = await Promise.all([
    db.$queryRaw<{ id: bigint; key: string; at: Date; value: number }[]>`
      SELECT s.id, g.key, s.at, s.value
        FROM signal_samples s JOIN signals g ON g.id = s.signal_id
       WHERE g.release_id = ${releaseId}::uuid AND s.id > ${since.sample}
         AND (${upTo?.sample ?? null}::bigint IS NULL OR s.id <= ${upTo?.sample ?? null}::bigint)
       ORDER BY s.id LIMIT ${PAGE}`,
    db.auditEvent.findMany({
      where: { releaseId, id: { gt: since.audit, ...(upTo ? { lte: upTo.audit } : {}) } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, at: true, action: true, actorLabel: true, before: true, after: true },
    }),
  ]);
  const cursor = {
    audit: events.at(-1)?.id ?? since.audit,
    sample: samples.at(-1)?.id ?? since.sample,
  };
  return {
    samples: samples.map((s) => ({ id: s.id.toString(), signalKey: s.key, at: s.at.getTime(), value: s.value })),
    events: events.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), action: e.action, actorLabel: e.actorLabel, before: e.before, after: e.after })),
    cursor,
  };
}
