import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";
import type { ReleasePlan } from "@/lib/releases/queries";

export function RunbookSection({ steps }: { steps: ReleasePlan["runbookSteps"] }) {
  return (
    <section aria-labelledby="runbook" className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="runbook" className="text-lg font-semibold">
        Runbook
      </h2>
      <p className="text-sm text-slate-600">The first ten minutes if something goes wrong: who does what.</p>
      <div className="grid gap-4 md:grid-cols-2">
        {RUNBOOK_ROLES.map((role) => {
          const mine = steps.filter((step) => step.role === role);
          const assignees = [...new Set(mine.map((step) => step.assignee?.name).filter(Boolean))];
          return (
            <div key={role} className="rounded-md border border-slate-200 p-3">
              <h3 className="text-sm font-semibold">{RUNBOOK_ROLE_LABEL[role]}</h3>
              <p className="text-xs text-slate-600">{assignees.length ? assignees.join(", ") : "Unassigned"}</p>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800">
                {mine.map((step) => (
                  <li key={step.id}>{step.text}</li>
                ))}
              </ol>
            </div>
          );
        })}
      </div>
    </section>
  );
}
