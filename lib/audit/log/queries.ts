import "server-only";
import { readAuditFacets, type AuditFacets } from "@/lib/audit/log/facets";
import { pageOfAuditEvents, type AuditPage } from "@/lib/audit/log/events";
import type { AuditCursor, AuditFilters } from "@/lib/audit/log/filters";
import { countHiddenSignIns, type HiddenSignIns } from "@/lib/audit/log/hidden-sign-ins";
import { sqlPool } from "@/lib/db/sql";

// The global audit log's reads for pages, on the app's node-postgres pool: a page of events is a
// hot read over a table that only grows, and Prisma would add a round of parsing per row.
// Every signed-in role may read the whole trail (PRODUCT.md: "read everything"), so nothing here
// is scoped by user.

export function listAuditPage(filters: AuditFilters, cursor?: AuditCursor, limit = 50): Promise<AuditPage> {
  return pageOfAuditEvents(sqlPool(), filters, cursor, limit);
}

export function listAuditFacets(): Promise<AuditFacets> {
  return readAuditFacets(sqlPool());
}

export function listHiddenSignIns(filters: AuditFilters): Promise<HiddenSignIns | null> {
  return countHiddenSignIns(sqlPool(), filters);
}
