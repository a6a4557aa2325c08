import Link from "next/link";
import { ReleaseStatusBadge } from "@/components/releases/status-badge";
import { Badge } from "@/components/ui/badge";
import { backfillKey } from "@/lib/flags/backfill/key";
import { DEPLOY_STYLE_LABEL, FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import { formatWindow } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function ReleaseSummary({ release }: { release: ReleasePlan }) {
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{release.title}</h1>
        <ReleaseStatusBadge status={release.status} />
        {release.isDemo && <Badge tone="info">Demo</Badge>}
        <nav aria-label="Release" className="ml-auto flex gap-4 text-sm">
          <Link href={`/releases/${release.id}/cockpit`} className="font-medium text-indigo-700 hover:underline">
            Cockpit
          </Link>
          <Link href={`/releases/${release.id}/audit`} className="font-medium text-indigo-700 hover:underline">
            Audit trail
          </Link>
        </nav>
      </div>
      {release.summary && <p className="max-w-3xl text-sm text-slate-700">{release.summary}</p>}
      <dl className="grid grid-cols-2 gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-4">
        <Item term="Service">
          <span className="font-mono text-xs">{release.service || "—"}</span>
        </Item>
        <Item term="Deploy style">{DEPLOY_STYLE_LABEL[release.deployStyle]}</Item>
        <Item term="Window">{formatWindow(release.windowStart, release.windowEnd)}</Item>
        <Item term="Feature flag">
          {release.flagKey ? (
            <>
              <span className="font-mono text-xs">{release.flagKey}</span> in {release.flagEnvironment} ({FLAG_PROVIDER_LABEL[release.flagProvider]})
              <span className="mt-1 block text-xs text-slate-500">
                Backfill switch: <span className="font-mono">{backfillKey(release.flagKey)}</span>
              </span>
            </>
          ) : (
            "Not configured"
          )}
        </Item>
        <Item term="Target database">{release.targetDatabase?.name ?? "None"}</Item>
        <Item term="Decision owner">{release.decisionOwner?.name ?? "Unassigned"}</Item>
        <Item term="Backup">{release.backupOwner?.name ?? "Unassigned"}</Item>
        <Item term="Automatic actions">{release.autoStopEnabled ? `On, after ${release.autoStopAfter} breaches in a row` : "Off"}</Item>
        <Item term="Four eyes">{release.fourEyes ? "Turning the flag on needs the backup or an admin to approve" : "Off"}</Item>
      </dl>
    </header>
  );
}
