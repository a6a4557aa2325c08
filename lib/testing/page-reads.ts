import { listAuditPage } from "@/lib/audit/log/queries";
import { getReleaseAuditHeader, getReportFacts, listDeploySeries, listFirstStopBreaches, listReleaseEvents } from "@/lib/audit/report/queries";
import { getDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { getCockpit } from "@/lib/releases/cockpit-queries";
import { listReleases, getReleasePlan } from "@/lib/releases/queries";
import { gatherReadiness } from "@/lib/releases/readiness-data";

// Every read the release's pages make (list, plan, cockpit, audit timeline and report, global
// log), as a page would call them. Throws when any of them would fail the page: a query error,
// or a date no page can print (an invalid Date makes toISOString throw; a year past 9999 prints
// as "+010000-…", which no <input> or formatter takes back).

function assertPrintable(value: unknown, path: string, seen = new Set<object>()): void {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (!(year >= 1970 && year <= 9999)) throw new Error(`${path} is a date no page can print: ${String(value)}`);
    return;
  }
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) assertPrintable(child, `${path}.${key}`, seen);
}

export async function readReleasePages(user: CurrentUser, releaseId: string): Promise<void> {
  const now = Date.now();
  const window = { from: now - 24 * 3600_000, to: now };
  const reads = {
    list: listReleases(user),
    plan: getReleasePlan(user, releaseId),
    readiness: gatherReadiness(getDb(), releaseId),
    cockpit: getCockpit(user, releaseId),
    auditHeader: getReleaseAuditHeader(user, releaseId),
    auditEvents: listReleaseEvents(user, releaseId),
    reportFacts: getReportFacts(user, releaseId),
    series: listDeploySeries(user, releaseId, window),
    breaches: listFirstStopBreaches(user, releaseId, window),
    auditLog: listAuditPage({ releaseId }),
  };
  const results = await Promise.all(Object.entries(reads).map(async ([name, read]) => [name, await read] as const));
  for (const [name, result] of results) assertPrintable(result, name);
}
