import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditFilterForm, type FilterValues } from "@/components/audit/log/audit-filter-form";
import { AuditExportLinks, AuditPager } from "@/components/audit/log/audit-links";
import { AuditTable, AuditTableSkeleton } from "@/components/audit/log/audit-table";
import { HiddenSignInsLine } from "@/components/audit/log/hidden-sign-ins";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { auditSearchParams, parseAuditQuery, type AuditCursor, type AuditFilters } from "@/lib/audit/log/filters";
import type { AuditFacets } from "@/lib/audit/log/facets";
import { listAuditFacets, listAuditPage, listHiddenSignIns } from "@/lib/audit/log/queries";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

// datetime-local shows seconds only when the value has them.
const inputValue = (date: Date | undefined) => (date ? date.toISOString().slice(0, date.getUTCSeconds() || date.getUTCMilliseconds() ? 19 : 16) : "");

const raw = (params: SearchParams, name: string) => {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
};

async function Results({ filters, cursor, facets }: { filters: AuditFilters; cursor?: AuditCursor; facets: AuditFacets }) {
  const [page, hidden] = await Promise.all([listAuditPage(filters, cursor), listHiddenSignIns(filters)]);
  const names = new Map(facets.actors.filter((a) => !a.system).map((a) => [a.value, a.label]));
  return (
    <div className="space-y-4">
      {hidden && <HiddenSignInsLine hidden={hidden} filters={filters} />}
      <AuditTable rows={page.rows} names={names} />
      {cursor && page.rows.length === 0 && (
        <Link href={`/audit?${auditSearchParams(filters)}`} className="text-sm font-medium text-indigo-700 hover:underline">
          Back to the newest events
        </Link>
      )}
      <AuditPager filters={filters} page={page} />
    </div>
  );
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [user, params, facets] = await Promise.all([requireUser(), searchParams, listAuditFacets()]);
  const query = parseAuditQuery(params);
  const values: FilterValues = query.ok
    ? {
        release: query.filters.releaseId ?? "",
        actor: query.filters.actorId ?? query.filters.actorLabel ?? "",
        action: query.filters.action ?? "",
        from: inputValue(query.filters.from),
        to: inputValue(query.filters.to),
        signIns: !!query.filters.showSignIns,
      }
    : {
        release: raw(params, "release"),
        actor: raw(params, "actor"),
        action: raw(params, "action"),
        from: raw(params, "from"),
        to: raw(params, "to"),
        signIns: raw(params, "signins") === "show",
      };
  // Remounts the form and the results when the URL changes, so "Clear filters" clears the fields.
  // Each sibling needs a key of its own: with one shared key React could not tell the old form
  // from the old results, left the old form mounted, and every Filter press added a panel.
  const stateKey = JSON.stringify(params);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600">Every change to every release, newest first. Times are UTC; the trail is append-only and hash-chained.</p>
        </div>
        {query.ok && <AuditExportLinks filters={query.filters} />}
      </div>
      {user.role === "ADMIN" && <VerifyChainButton />}
      <AuditFilterForm key={`form:${stateKey}`} facets={facets} values={values} errors={query.ok ? {} : query.fieldErrors} />
      {query.ok ? (
        <Suspense key={`results:${stateKey}`} fallback={<AuditTableSkeleton />}>
          <Results filters={query.filters} cursor={query.cursor} facets={facets} />
        </Suspense>
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20">
          Some filters need attention; see above.{" "}
          {(query.fieldErrors.before ?? query.fieldErrors.after) && (
            <Link href="/audit" className="font-medium underline">
              Start from the newest events
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
