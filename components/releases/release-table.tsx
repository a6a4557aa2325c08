import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ReleaseStatusBadge } from "@/components/releases/status-badge";
import type { ReleaseListItem } from "@/lib/releases/queries";
import { formatDateTime, formatRelative } from "@/lib/format/time";
import { DataTable } from "@/components/ui/table";

function Owners({ release }: { release: ReleaseListItem }) {
  return (
    <dl className="space-y-0.5 text-xs text-slate-600">
      <div>
        <dt className="inline font-medium text-slate-800">Decision:</dt> <dd className="inline">{release.decisionOwner?.name ?? "unassigned"}</dd>
      </div>
      <div>
        <dt className="inline font-medium text-slate-800">Backup:</dt> <dd className="inline">{release.backupOwner?.name ?? "unassigned"}</dd>
      </div>
    </dl>
  );
}

export function ReleaseTable({ releases }: { releases: ReleaseListItem[] }) {
  if (releases.length === 0) {
    return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm ring-1 ring-slate-200">No releases yet.</p>;
  }
  const now = new Date();
  return (
    <DataTable columns={[{ label: "Title" }, { label: "Service" }, { label: "Status" }, { label: "Owners" }, { label: "Updated" }]} look="roomy">
      {releases.map((release) => (
        <tr key={release.id} className="align-top hover:bg-slate-50">
          <td className="px-4 py-3">
            <Link href={`/releases/${release.id}`} className="font-medium text-indigo-700 hover:underline">
              {release.title}
            </Link>
            {release.isDemo && (
              <span className="ml-2">
                <Badge tone="info">Demo</Badge>
              </span>
            )}
          </td>
          <td className="px-4 py-3 font-mono text-xs">{release.service || "—"}</td>
          <td className="px-4 py-3">
            <ReleaseStatusBadge status={release.status} />
          </td>
          <td className="px-4 py-3">
            <Owners release={release} />
          </td>
          <td className="whitespace-nowrap px-4 py-3 text-slate-600">
            <time dateTime={release.updatedAt.toISOString()} title={formatDateTime(release.updatedAt)}>
              {formatRelative(release.updatedAt, now)}
            </time>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
