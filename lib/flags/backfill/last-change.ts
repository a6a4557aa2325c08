import type { Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";

// The latest pause or resume of a backfill switch, from the audit trail: who (a person or
// "Switchback auto-pause"), when, and the one sentence why. The cockpit shows it, and a refused
// second pause names it.

export interface BackfillChangeView {
  paused: boolean;
  at: Date;
  actor: string;
  reason: string | null;
  auto: boolean;
}

interface Row {
  action: string;
  at: Date;
  actor_label: string;
  after: { reason?: string | null; auto?: unknown } | null;
}

// Keyed by the switch too: a release whose flag was renamed has a new switch, and the old one's
// history is not its state.
export async function lastBackfillChange(db: Tx | Sql, releaseId: string, key: string): Promise<BackfillChangeView | null> {
  const [row] = await asSql(db).query<Row>(
    `SELECT action, at, actor_label, after FROM audit_events
      WHERE release_id = $1::uuid AND action IN ('backfill.paused', 'backfill.resumed') AND after->>'key' = $2
      ORDER BY at DESC, id DESC LIMIT 1`,
    [releaseId, key],
  );
  if (!row) return null;
  return {
    paused: row.action === "backfill.paused",
    at: new Date(row.at),
    actor: row.actor_label,
    reason: row.after?.reason ?? null,
    auto: !!row.after?.auto,
  };
}
