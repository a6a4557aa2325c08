import { createHash } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import type { AuditCursor, AuditFilters } from "@/lib/audit/log/filters";
import { hidesSignIns, SIGN_IN_LIST } from "@/lib/audit/log/sign-ins";

// Keyset reads of the audit log, newest first: ORDER BY at DESC, id DESC and "(at, id) < cursor",
// never OFFSET, so page 20,000 costs what page 1 does. Every filter combination is written so
// that one of the table's indexes yields rows already in (at, id) order:
//   release + action → (release_id, action, at, id);  actor → (actor_id, at, id);
//   action → (action, at, id);  time only → (at, id).
// A release without an action has no index in (at, id) order, so the query becomes one branch
// per action the release has, each an ordered range of the release index, which PostgreSQL
// merges (Merge Append) and stops after `limit` rows instead of sorting the whole release.
// Plain SQL functions taking `Sql`, so scripts and tests can call them with a connection of their own.

export interface AuditRow {
  id: string;
  at: Date;
  actorType: "USER" | "SYSTEM";
  actorId: string | null;
  actorLabel: string;
  releaseId: string | null;
  releaseTitle: string | null;
  action: string;
  before: unknown;
  after: unknown;
  prevHash: string | null;
  hash: string;
}

const COLUMNS = "id, at, actor_type, actor_id, actor_label, release_id, action, before, after, prev_hash, hash";

// The page's columns (`e` is an event, `r` its release).
const ROW_SELECT = `e.id::text AS "id", e.at, e.actor_type::text AS "actorType", e.actor_id::text AS "actorId", e.actor_label AS "actorLabel",
       e.release_id::text AS "releaseId", r.title AS "releaseTitle", e.action, e.before, e.after, e.prev_hash AS "prevHash", e.hash`;

interface ReadOptions {
  cursor?: AuditCursor;
  limit: number;
  // The release's actions (releaseActions), for a release filter without an action.
  actions?: string[];
}

// The filters (all but the action) as conditions on audit_events, each value written by `value`:
// a bind placeholder for the pages, an escaped literal for the export (COPY takes no parameters).
export function auditFilterConditions(filters: AuditFilters, value: (v: string) => string, table = ""): string[] {
  const c = (column: string) => `${table}${column}`;
  const where: string[] = [];
  if (filters.releaseId) where.push(`${c("release_id")} = ${value(filters.releaseId)}::uuid`);
  if (filters.actorId) where.push(`${c("actor_id")} = ${value(filters.actorId)}::uuid`);
  else if (filters.actorLabel) where.push(`${c("actor_id")} IS NULL AND ${c("actor_label")} = ${value(filters.actorLabel)}`);
  if (filters.from) where.push(`${c("at")} >= ${value(filters.from.toISOString())}::timestamptz`);
  if (filters.to) where.push(`${c("at")} < ${value(filters.to.toISOString())}::timestamptz`);
  if (hidesSignIns(filters)) where.push(`${c("action")} NOT IN (${SIGN_IN_LIST})`);
  return where;
}

export function auditEventsSql(filters: AuditFilters, { cursor, limit, actions = [] }: ReadOptions): { text: string; params: unknown[]; name: string } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = auditFilterConditions(filters, p);
  if (cursor) where.push(`(at, id) ${cursor.direction === "older" ? "<" : ">"} (${p(cursor.at.toISOString())}::timestamptz, ${p(cursor.id)}::bigint)`);
  const order = cursor?.direction === "newer" ? "ASC" : "DESC";
  // System actors have no id: ordering by actor_id too (constant here, so the order is the same)
  // lets the (actor_id, at, id) index serve "actor_id IS NULL" in order, reading system events only.
  const systemActorOnly = filters.actorLabel && !filters.releaseId && !filters.action;
  const orderBy = `ORDER BY ${systemActorOnly ? `actor_id ${order}, ` : ""}at ${order}, id ${order} LIMIT ${p(limit)}`;
  const branch = (action?: string) => {
    const conditions = action === undefined ? where : [...where, `action = ${p(action)}`];
    return `SELECT ${COLUMNS} FROM audit_events${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}`;
  };
  // Each branch carries the order and the limit itself: planned alone, a branch would otherwise
  // pick the plan that is cheapest for ALL its rows (bitmap scan + sort). With them, each is a
  // backward index range scan, and Merge Append pulls from those lazily: `limit` rows in all.
  const perAction = filters.releaseId && !filters.action;
  const inner =
    perAction && actions.length > 1
      ? actions.map((action) => `(${branch(action)} ${orderBy})`).join("\n UNION ALL ")
      : branch(perAction ? actions[0] : filters.action);
  const text = `SELECT ${ROW_SELECT}
  FROM (${inner}
        ${orderBy}) e
  LEFT JOIN releases r ON r.id = e.release_id
 ORDER BY e.at ${order}, e.id ${order}`;
  // One prepared statement per query shape (filters present, direction, number of branches).
  return { text, params, name: `audit_log_${createHash("sha1").update(text).digest("hex").slice(0, 16)}` };
}

// The distinct actions of one release, by a loose index scan: one index probe per action.
export async function releaseActions(sql: Sql, releaseId: string): Promise<string[]> {
  const rows = await sql.query<{ action: string }>(
    `WITH RECURSIVE a(action) AS (
       (SELECT action FROM audit_events WHERE release_id = $1::uuid ORDER BY action LIMIT 1)
       UNION ALL
       SELECT (SELECT e.action FROM audit_events e WHERE e.release_id = $1::uuid AND e.action > a.action ORDER BY e.action LIMIT 1)
         FROM a WHERE a.action IS NOT NULL)
     SELECT action FROM a WHERE action IS NOT NULL`,
    [releaseId],
    "audit_log_release_actions",
  );
  return rows.map((row) => row.action);
}

// Up to `limit` rows after the cursor, in the cursor's direction (newest first without one).
export async function readAuditEvents(sql: Sql, filters: AuditFilters, options: Omit<ReadOptions, "actions">): Promise<AuditRow[]> {
  let actions: string[] | undefined;
  if (filters.releaseId && !filters.action) {
    actions = await releaseActions(sql, filters.releaseId);
    if (actions.length === 0) return [];
  }
  const { text, params, name } = auditEventsSql(filters, { ...options, actions });
  return sql.query<AuditRow>(text, params, name);
}

export interface AuditPage {
  rows: AuditRow[];
  // Where the "Older" link starts; null on the last page.
  nextCursor: AuditCursor | null;
  // Where the "Newer" link starts; null on the first page.
  newerCursor: AuditCursor | null;
}

export async function pageOfAuditEvents(sql: Sql, filters: AuditFilters, cursor?: AuditCursor, limit = 50): Promise<AuditPage> {
  const fetched = await readAuditEvents(sql, filters, { cursor, limit: limit + 1 });
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  const goingNewer = cursor?.direction === "newer";
  if (goingNewer) rows.reverse();
  // The cursor row itself lies on the side we came from, so that side has rows.
  const hasOlder = goingNewer || more;
  const hasNewer = goingNewer ? more : cursor !== undefined;
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: hasOlder && last ? { at: last.at, id: last.id, direction: "older" } : null,
    newerCursor: hasNewer && first ? { at: first.at, id: first.id, direction: "newer" } : null,
  };
}
