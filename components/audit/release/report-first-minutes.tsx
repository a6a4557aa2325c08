import type { IncidentView } from "@/lib/incidents/queries";
import { FIRST_MINUTES_MS, stepOffset } from "@/lib/incidents/clock";
import { formatInstant } from "@/lib/format/time";
import { RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";

const TRIGGER = { STOP: "Stop", AUTO_STOP: "Auto-stop", MANUAL: "Started by hand" } as const;

// The first ten minutes of every incident as they happened: the clock's start, each runbook step
// placed on it, and what was still open when the ten minutes ran out.
export function ReportFirstMinutes({ incidents }: { incidents: IncidentView[] }) {
  return (
    <HeadedSection id="first-minutes-heading" title="First ten minutes" className="break-inside-avoid space-y-3">
      {incidents.length === 0 ? (
        <p>No incident was started during this release.</p>
      ) : (
        incidents.map((incident) => <Incident key={incident.id} incident={incident} />)
      )}
    </HeadedSection>
  );
}

function Incident({ incident }: { incident: IncidentView }) {
  const start = incident.startedAt;
  const inTime = incident.steps.filter((s) => s.doneAt && s.doneAt.getTime() - start.getTime() <= FIRST_MINUTES_MS).length;
  return (
    <div className="space-y-1">
      <p>
        <strong>{TRIGGER[incident.trigger]}</strong> at {formatInstant(start.getTime())} by {incident.startedByLabel}: {incident.reason}.{" "}
        {incident.endedAt ? `Ended at ${formatInstant(incident.endedAt.getTime())} by ${incident.endedByLabel}.` : "Still running."}
      </p>
      <p>
        {inTime} of {incident.steps.length} steps done within the first ten minutes.
      </p>
      <ReportTable columns={["Role", "Step", "Done", "By"]}>
        {incident.steps.map((step) => {
          const offset = step.doneAt ? stepOffset(start, step.doneAt) : null;
          return (
            <tr key={step.id}>
              <td className={cell}>
                {RUNBOOK_ROLE_LABEL[step.role]}
                {step.assigneeName && <span className="block text-slate-600">{step.assigneeName}</span>}
              </td>
              <td className={cell}>{step.text}</td>
              <td className={`${cell} whitespace-nowrap ${!offset ? "font-semibold text-red-800" : offset.late ? "text-amber-900" : ""}`}>
                {offset ? `${offset.label}${offset.late ? " (late)" : ""}` : "Not done"}
              </td>
              <td className={cell}>{step.doneByLabel ?? "—"}</td>
            </tr>
          );
        })}
      </ReportTable>
    </div>
  );
}
