import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { describeEvent } from "@/lib/audit/describe";
import type { AuditRow } from "@/lib/audit/log/events";

// Seconds matter when reconstructing who did what first, so the log shows them (in UTC).
const utcSeconds = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-400">—</span>;
  const pane = (label: string, value: unknown) => (
    <div className="min-w-0">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {value == null ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-medium text-indigo-700 hover:underline">Before → after</summary>
      <div className="mt-2 grid w-[28rem] max-w-full gap-2 sm:grid-cols-2">
        {pane("Before", before)}
        {pane("After", after)}
      </div>
    </details>
  );
}

export function AuditTableSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading audit events" className="space-y-2">
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) {
    return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm ring-1 ring-slate-200">No audit events match these filters.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Time (UTC)</th>
            <th scope="col" className="px-4 py-3">Actor</th>
            <th scope="col" className="px-4 py-3">Release</th>
            <th scope="col" className="px-4 py-3">Action</th>
            <th scope="col" className="px-4 py-3">What happened</th>
            <th scope="col" className="px-4 py-3">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
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
                <Change before={row.before} after={row.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
