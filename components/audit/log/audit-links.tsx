import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { AuditPage } from "@/lib/audit/log/events";
import { auditSearchParams, type AuditCursor, type AuditFilters } from "@/lib/audit/log/filters";

// Keyset navigation: each link carries the (at, id) of the row it continues from, so a page
// stays put while new events arrive above it. There is no page count: counting a trail of
// millions on every view would cost more than the page itself.

const href = (filters: AuditFilters, cursor: AuditCursor) => `/audit?${auditSearchParams(filters, cursor)}`;

function PageLink({ label, filters, cursor }: { label: string; filters: AuditFilters; cursor: AuditCursor | null }) {
  if (!cursor) {
    return (
      <span aria-disabled="true" className={buttonClass("secondary", "pointer-events-none opacity-50")}>
        {label}
      </span>
    );
  }
  return (
    <Link href={href(filters, cursor)} className={buttonClass("secondary")}>
      {label}
    </Link>
  );
}

export function AuditPager({ filters, page }: { filters: AuditFilters; page: AuditPage }) {
  if (!page.nextCursor && !page.newerCursor) return null;
  return (
    <nav aria-label="Audit log pages" className="flex items-center justify-between gap-4">
      <PageLink label="Newer" filters={filters} cursor={page.newerCursor} />
      <PageLink label="Older" filters={filters} cursor={page.nextCursor} />
    </nav>
  );
}

export function AuditExportLinks({ filters }: { filters: AuditFilters }) {
  const query = auditSearchParams(filters);
  const exportHref = (format: "csv" | "json") => `/api/v1/audit/export?${new URLSearchParams([["format", format], ...query])}`;
  // Plain anchors: a download must not be prefetched or routed client-side.
  return (
    <div className="flex flex-wrap gap-2">
      <a href={exportHref("csv")} className={buttonClass("secondary")}>
        Export CSV
      </a>
      <a href={exportHref("json")} className={buttonClass("secondary")}>
        Export JSON
      </a>
    </div>
  );
}
