import type { ReactNode } from "react";
import type { Cockpit } from "@/lib/releases/cockpit-queries";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";
import { HeadedSection } from "@/components/ui/section";
import { ConsumersLine } from "@/app/(app)/releases/[id]/cockpit/_components/consumers-line";

// The runbook while nothing is wrong: who does what in the first ten minutes, and how to reach
// them. `children` holds "Start incident" for those who may start one. The role that turns the
// flag off and confirms it reads off sees, live, which consumers have the flag's current value.
export function RunbookList({ releaseId, steps, children }: { releaseId: string; steps: Cockpit["runbookSteps"]; children?: ReactNode }) {
  return (
    <HeadedSection id="cockpit-runbook" title="Runbook" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dl className="space-y-2 text-sm">
        {RUNBOOK_ROLES.map((role) => {
          const mine = steps.filter((s) => s.role === role);
          const assignee = mine.find((s) => s.assignee)?.assignee;
          return (
            <div key={role}>
              <dt className="font-medium">
                {RUNBOOK_ROLE_LABEL[role]}: <span className="font-normal">{assignee?.name ?? "unassigned"}</span>
                {assignee?.contact && <span className="font-normal text-slate-600"> · {assignee.contact}</span>}
              </dt>
              <dd className="text-slate-600">{mine.map((s) => s.text).join(" · ")}</dd>
              {role === "DISABLE_FEATURE" && (
                <dd>
                  <ConsumersLine releaseId={releaseId} refreshKey="" className="mt-0.5 text-xs" />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      {children}
    </HeadedSection>
  );
}
