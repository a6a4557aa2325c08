import type { ReactNode } from "react";
import { COMPARATOR_SYMBOL, DEPLOY_STYLE_LABEL, FLAG_PROVIDER_LABEL, formatValue } from "@/lib/format/labels";
import { formatDate, formatWindow } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";
import { AUTO_ACTION_LABEL } from "@/lib/releases/auto-action";

// The plan as it stood. Once a deploy starts the plan no longer changes (a finished release's
// plan is locked; every edit before that is in the audit trail), so reading it now is reading it
// as it was run.

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="break-inside-avoid">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ReportReleaseFields({ release }: { release: ReleasePlan }) {
  const drill = release.drills[0];
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-3 print:grid-cols-3">
      <Item term="Service">{release.service || "—"}</Item>
      <Item term="Deploy style">{DEPLOY_STYLE_LABEL[release.deployStyle]}</Item>
      <Item term="Window">{formatWindow(release.windowStart, release.windowEnd)}</Item>
      <Item term="Kill switch">
        <span className="font-mono">{release.flagKey || "not configured"}</span> in {release.flagEnvironment} ({FLAG_PROVIDER_LABEL[release.flagProvider]})
      </Item>
      <Item term="Auto-stop">{release.autoStopEnabled ? `on, after ${release.autoStopAfter} breaching samples in a row` : "off"}</Item>
      <Item term="Decision owner">{release.decisionOwner?.name ?? "unassigned"}</Item>
      <Item term="Backup">{release.backupOwner?.name ?? "unassigned"}</Item>
      <Item term="Latest rollback drill">
        {drill ? `${formatDate(drill.performedOn)}, ${drill.result.toLowerCase()}${drill.recordedBy ? ` (${drill.recordedBy.name})` : ""}` : "none recorded"}
      </Item>
      {release.lintOverrideReason && <Item term="Lint override">{release.lintOverrideReason}</Item>}
    </dl>
  );
}

export function ReportRunbook({ steps }: { steps: ReleasePlan["runbookSteps"] }) {
  return (
    <HeadedSection id="runbook-heading" title="Runbook" level={3} className="break-inside-avoid space-y-1">
      <div className="grid grid-cols-2 gap-2 text-sm">
        {RUNBOOK_ROLES.map((role) => {
          const own = steps.filter((s) => s.role === role);
          return (
            <div key={role} className="rounded border border-slate-300 p-2">
              <p className="font-medium">{RUNBOOK_ROLE_LABEL[role]}</p>
              <p className="text-slate-600">{[...new Set(own.flatMap((s) => (s.assignee ? [s.assignee.name] : [])))].join(", ") || "Unassigned"}</p>
              <ol className="list-decimal pl-5">
                {own.map((step) => (
                  <li key={step.id}>{step.text}</li>
                ))}
              </ol>
            </div>
          );
        })}
      </div>
    </HeadedSection>
  );
}

export function ReportCriteria({ criteria }: { criteria: ReleasePlan["criteria"] }) {
  const limit = (c: ReleasePlan["criteria"][number], value: number | null) =>
    value === null ? "—" : `${COMPARATOR_SYMBOL[c.comparator]} ${formatValue(value, c.signal.unit)}`;
  return (
    <HeadedSection id="criteria-heading" title="Go/stop criteria" level={3} className="break-inside-avoid space-y-1">
      {criteria.length === 0 ? (
        <p className="text-sm">No criteria were defined.</p>
      ) : (
        <ReportTable columns={["Signal", "Warn", "Stop", "Window", "Automatic action"]}>
          {criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row" className={cell}>
                {c.signal.name} <span className="font-mono text-xs font-normal text-slate-500">{c.signal.key}</span>
              </th>
              <td className={cell}>{limit(c, c.warnThreshold)}</td>
              <td className={cell}>{limit(c, c.stopThreshold)}</td>
              <td className={cell}>{c.windowSeconds} s</td>
              <td className={cell}>{AUTO_ACTION_LABEL[c.autoAction]}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </HeadedSection>
  );
}
