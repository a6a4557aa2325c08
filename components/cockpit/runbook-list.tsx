import type { Cockpit } from "@/lib/releases/cockpit-queries";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";

export function RunbookList({ steps }: { steps: Cockpit["runbookSteps"] }) {
  return (
    <section aria-labelledby="cockpit-runbook" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="cockpit-runbook" className="text-lg font-semibold">
        Runbook
      </h2>
      <dl className="space-y-2 text-sm">
        {RUNBOOK_ROLES.map((role) => {
          const mine = steps.filter((s) => s.role === role);
          return (
            <div key={role}>
              <dt className="font-medium">
                {RUNBOOK_ROLE_LABEL[role]}: <span className="font-normal">{mine.find((s) => s.assignee)?.assignee?.name ?? "unassigned"}</span>
              </dt>
              <dd className="text-slate-600">{mine.map((s) => s.text).join(" · ")}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
