import "server-only";
import { readAuditFacets, type AuditFacets } from "@/lib/audit/log/facets";
import { pageOfAuditEvents, type AuditPage } from "@/lib/audit/log/events";
import type { AuditCursor, AuditFilters } from "@/lib/audit/log/filters";
import { countHiddenSignIns, type HiddenSignIns } from "@/lib/audit/log/hidden-sign-ins";
import { appSql } from "@/lib/db/sql";

// The global audit log's reads for pages, as hand-written SQL: a keyset page over a table that
// only grows, with filters Prisma's query builder cannot express.
// Every signed-in role may read the whole trail (PRODUCT.md: "read everything"), so nothing here
// is scoped by user.

export function listAuditPage(filters: AuditFilters, cursor?: AuditCursor, limit = 50): Promise<AuditPage> {
  return pageOfAuditEvents(appSql(), filters, cursor, limit);
}

export function listAuditFacets(): Promise<AuditFacets> {
  return readAuditFacets(appSql());
}

export function listHiddenSignIns(filters: AuditFilters): Promise<HiddenSignIns | null> {
  return countHiddenSignIns(appSql(), filters);
}
