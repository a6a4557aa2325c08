import { auditFilterConditions } from "@/lib/audit/log/events";
import type { AuditFilters } from "@/lib/audit/log/filters";
import { hidesSignIns, SIGN_IN_LIST } from "@/lib/audit/log/sign-ins";
import type { Sql } from "@/lib/db/sql";

// What the log left out, for its one-line summary. Counting stops at COUNT_LIMIT, read straight
// off the (action, at, id) index in no particular order: the line must not cost a scan of years
// of sign-ins on every page view.

export interface HiddenSignIns {
  count: number;
  people: number;
  // More than COUNT_LIMIT: `count` is a floor and `people` is left unsaid.
  more: boolean;
}

const COUNT_LIMIT = 1000;

export async function countHiddenSignIns(sql: Sql, filters: AuditFilters): Promise<HiddenSignIns | null> {
  if (!hidesSignIns(filters)) return null;
  const params: unknown[] = [];
  const where = [...auditFilterConditions({ ...filters, showSignIns: true }, (v) => `$${params.push(v)}`), `action IN (${SIGN_IN_LIST})`];
  const [row] = await sql.query<{ count: number; people: number }>(
    `SELECT count(*)::int AS count, count(DISTINCT coalesce(actor_id::text, actor_label))::int AS people
       FROM (SELECT actor_id, actor_label FROM audit_events WHERE ${where.join(" AND ")} LIMIT ${COUNT_LIMIT + 1}) s`,
    params,
  );
  if (!row || row.count === 0) return null;
  return { count: Math.min(row.count, COUNT_LIMIT), people: row.people, more: row.count > COUNT_LIMIT };
}
