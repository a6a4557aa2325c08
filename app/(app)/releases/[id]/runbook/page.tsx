import { releasePageMetadata } from "@/lib/releases/page-title";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { COMPARATOR_SYMBOL, FLAG_PROVIDER_LABEL, formatValue } from "@/lib/format/labels";
import { formatWindow } from "@/lib/format/time";
import { AUTO_ACTION_LABEL } from "@/lib/releases/auto-action";
import { getReleasePlan } from "@/lib/releases/queries";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL, STAGE_LABEL } from "@/lib/releases/template";
import { requireUser } from "@/lib/session";
import { isUuid } from "@/lib/uuid";

export const generateMetadata = releasePageMetadata("Runbook");

// The first-ten-minutes runbook on one printed page: who does what, where the kill switch is,
// when to stop, and how each stage is undone.
export default async function RunbookPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const release = isUuid(id) ? await getReleasePlan(user, id) : null;
  if (!release) notFound();
  const stops = release.criteria.filter((c) => c.stopThreshold !== null);
  return (
    <article className="mx-auto max-w-3xl space-y-4 bg-white p-6 text-sm shadow-sm ring-1 ring-slate-200 print:max-w-none print:p-0 print:text-[11px] print:shadow-none print:ring-0">
      <style>{"@page { size: A4; margin: 12mm; }"}</style>
      <div className="no-print flex items-center justify-between">
        <Link href={`/releases/${release.id}`} className="text-sm font-medium text-indigo-700 hover:underline">
          Back to the plan
        </Link>
        <PrintButton label="Print runbook" />
      </div>
      <header className="border-b border-slate-300 pb-2">
        <p className="text-xs uppercase tracking-wide text-slate-500">First-ten-minutes runbook · Switchback</p>
        <h1 className="text-xl font-semibold">{release.title}</h1>
        <p className="text-slate-700">
          {release.service || "No service named"} · {formatWindow(release.windowStart, release.windowEnd)} · kill switch{" "}
          <span className="font-mono">{release.flagKey || "not configured"}</span> in {release.flagEnvironment} ({FLAG_PROVIDER_LABEL[release.flagProvider]})
        </p>
        <p className="text-slate-700">
          Decision owner: <strong>{release.decisionOwner?.name ?? "unassigned"}</strong> · Backup: <strong>{release.backupOwner?.name ?? "unassigned"}</strong>
        </p>
      </header>
      <section aria-label="Roles" className="grid grid-cols-2 gap-3">
        {RUNBOOK_ROLES.map((role) => {
          const steps = release.runbookSteps.filter((s) => s.role === role);
          return (
            <div key={role} className="break-inside-avoid rounded border border-slate-300 p-2">
              <h2 className="font-semibold">{RUNBOOK_ROLE_LABEL[role]}</h2>
              <p className="text-slate-600">{steps.find((s) => s.assignee)?.assignee?.name ?? "Unassigned"}</p>
              <ol className="mt-1 list-decimal pl-5">
                {steps.map((step) => (
                  <li key={step.id}>{step.text}</li>
                ))}
              </ol>
            </div>
          );
        })}
      </section>
      <section aria-label="Stop when" className="break-inside-avoid">
        <h2 className="font-semibold">Stop when</h2>
        {stops.length ? (
          <ul className="list-disc pl-5">
            {stops.map((c) => (
              <li key={c.id}>
                {c.signal.name} {COMPARATOR_SYMBOL[c.comparator]} {formatValue(c.stopThreshold, c.signal.unit)} over {c.windowSeconds} s
                {release.autoStopEnabled && ` → automatically: ${AUTO_ACTION_LABEL[c.autoAction].toLowerCase()} after ${release.autoStopAfter} checks`}
              </li>
            ))}
          </ul>
        ) : (
          <p>No stop criteria defined.</p>
        )}
      </section>
      <section aria-label="How each stage is undone" className="break-inside-avoid">
        <h2 className="font-semibold">How each stage is undone</h2>
        <dl className="space-y-1">
          {release.stages.map((stage) => (
            <div key={stage.id}>
              <dt className="inline font-medium">{STAGE_LABEL[stage.kind]}: </dt>
              <dd className="inline">{stage.rollbackNote || "no rollback note"}</dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}
