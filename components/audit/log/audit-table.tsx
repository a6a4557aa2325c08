import Link from "next/link";
import { ChangeDetails } from "@/components/audit/change-details";
import { Badge } from "@/components/ui/badge";
import { describeEvent } from "@/lib/audit/describe";
import type { AuditRow } from "@/lib/audit/log/events";
import { formatInstant } from "@/lib/format/time";
import { DataTable } from "@/components/ui/table";

// Seconds matter when reconstructing who did what first, so the log shows them (in UTC).
const utcSeconds = (date: Date) => formatInstant(date).replace(" UTC", "");

export function AuditTableSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading audit events" className="space-y-2">
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

// `names` (user id → name) lets the detail name the people an event assigned.
export function AuditTable({ rows, names }: { rows: AuditRow[]; names?: ReadonlyMap<string, string> }) {
  if (rows.length === 0) {
    return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm ring-1 ring-slate-200">No audit events match these filters.</p>;
  }
  return (
    <DataTable
      columns={[{ label: "Time (UTC)" }, { label: "Actor" }, { label: "Release" }, { label: "Action" }, { label: "What happened" }, { label: "Change" }]}
      look="roomy"
      caption="Audit events, newest first"
    >
      {rows.map((row) => (
        <tr key={row.id} className="align-top">
          <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-700">
            <time dateTime={row.at.toISOString()}>{utcSeconds(row.at)}</time>
          </td>
          <td className="px-4 py-3">
            {row.actorLabel}
            {row.actorType === "SYSTEM" && (
              <span className="ml-2">
                <Badge>System</Badge>
              </span>
            )}
          </td>
          <td className="px-4 py-3">
            {row.releaseId ? (
              <Link href={`/releases/${row.releaseId}`} className="font-medium text-indigo-700 hover:underline">
                {row.releaseTitle ?? row.releaseId}
              </Link>
            ) : (
              <span className="text-slate-400">—</span>
            )}
          </td>
          <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{row.action}</td>
          <td className="px-4 py-3 text-slate-800">{describeEvent(row.action, row.before, row.after)}</td>
          <td className="px-4 py-3">
            {row.before == null && row.after == null ? (
              <span className="text-slate-400">—</span>
            ) : (
              <ChangeDetails action={row.action} before={row.before} after={row.after} names={names} />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
