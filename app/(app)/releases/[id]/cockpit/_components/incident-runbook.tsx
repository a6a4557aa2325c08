"use client";

import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action";
import { useMutation } from "@/components/hooks/use-mutation";
import { FormError } from "@/components/ui/form-error";
import { ConsumersLine } from "@/app/(app)/releases/[id]/cockpit/_components/consumers-line";
import { IncidentClock } from "@/app/(app)/releases/[id]/cockpit/_components/incident-clock";
import { stepOffset } from "@/lib/incidents/clock";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL } from "@/lib/releases/template";
import type { IncidentChecklist, IncidentStepView } from "@/lib/incidents/view";
import { formatTime } from "@/lib/format/time";

// The runbook as a live checklist while an incident runs: each step ticked by its assignee, who
// and when shown to everyone (the cockpit refreshes on every audit event), against the clock.

const TRIGGER: Record<IncidentChecklist["trigger"], string> = { STOP: "Stop", AUTO_STOP: "Auto-stop", MANUAL: "Started by hand" };

// The step that asks someone to confirm the flag reads off ("Confirm the flag reads off from the
// provider") shows the Consumers line beside it, live: what the flag's readers were served. Steps
// are the plan's words, so without such a step the line joins the flag step itself.
const CONFIRMS_FLAG = /confirm|reads? off/i;
function confirmStepId(steps: IncidentStepView[]): string | undefined {
  const flagSteps = steps.filter((s) => s.role === "DISABLE_FEATURE");
  return (flagSteps.find((s) => !s.auto && CONFIRMS_FLAG.test(s.text)) ?? flagSteps.find((s) => s.auto))?.id;
}

type Tick = (input: { releaseId: string; stepId: string; done: boolean }) => Promise<ActionResult<{ done: boolean }>>;

export function IncidentRunbook({ releaseId, incident, serverNow, tick }: { releaseId: string; incident: IncidentChecklist; serverNow: string; tick: Tick }) {
  const mutation = useMutation(tick);
  const done = incident.steps.filter((s) => s.doneAt).length;
  const started = new Date(incident.startedAt);
  const confirming = confirmStepId(incident.steps);
  return (
    <section aria-labelledby="cockpit-runbook" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-2 ring-red-600">
      <div>
        <h2 id="cockpit-runbook" className="text-lg font-semibold">
          First ten minutes
        </h2>
        <p className="text-sm text-slate-700">
          {TRIGGER[incident.trigger]} at {formatTime(started)} by {incident.startedByLabel}: {incident.reason}
        </p>
      </div>
      <IncidentClock startedAt={incident.startedAt} serverNow={serverNow} />
      <p className="text-sm font-medium" aria-live="polite">
        {done} of {incident.steps.length} steps done
      </p>
      <FormError error={mutation.error} />
      <div className="space-y-3">
        {RUNBOOK_ROLES.map((role) => {
          const steps = incident.steps.filter((s) => s.role === role);
          if (!steps.length) return null;
          const who = steps.find((s) => s.assigneeName);
          return (
            <fieldset key={role} className="space-y-1">
              <legend className="text-sm font-semibold">
                {RUNBOOK_ROLE_LABEL[role]}: <span className="font-normal">{who?.assigneeName ?? "unassigned"}</span>
                {who?.contact && <span className="font-normal text-slate-600"> · {who.contact}</span>}
              </legend>
              <ul className="space-y-1">
                {steps.map((step) => (
                  <StepRow
                    key={step.id}
                    step={step}
                    started={started}
                    beside={step.id === confirming && <ConsumersLine releaseId={releaseId} refreshKey={serverNow} className="mt-0.5 text-xs" />}
                    disabled={mutation.pending}
                    onChange={(checked) => mutation.run({ releaseId, stepId: step.id, done: checked })}
                  />
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}

function StepRow({
  step,
  started,
  beside,
  disabled,
  onChange,
}: {
  step: IncidentStepView;
  started: Date;
  beside: ReactNode;
  disabled: boolean;
  onChange: (checked: boolean) => Promise<boolean>;
}) {
  const offset = step.doneAt ? stepOffset(started, new Date(step.doneAt)) : null;
  // The tick shows at once; it holds until the server's answer (the refresh after the audit
  // event) changes the step, or falls back if the tick was refused.
  const [optimistic, setOptimistic] = useState<{ checked: boolean; base: string | null } | null>(null);
  const checked = optimistic && optimistic.base === step.doneAt ? optimistic.checked : !!step.doneAt;
  return (
    <li className="flex items-start gap-2 text-sm">
      <input
        id={`incident-step-${step.id}`}
        type="checkbox"
        className="mt-0.5 size-5 shrink-0 accent-emerald-700"
        checked={checked}
        disabled={disabled || !step.mine}
        onChange={(e) => {
          const next = e.target.checked;
          setOptimistic({ checked: next, base: step.doneAt });
          void onChange(next).then((ok) => !ok && setOptimistic(null));
        }}
      />
      <div className="min-w-0">
        <label htmlFor={`incident-step-${step.id}`}>
          <span className={step.doneAt ? "text-slate-700" : "font-medium"}>{step.text}</span>
          {offset ? (
            <span className={`block text-xs ${offset.late ? "text-amber-800" : "text-emerald-800"}`}>
              Done {offset.label} by {step.doneByLabel}
              {offset.late ? " (after the first ten minutes)" : ""}
            </span>
          ) : (
            step.auto && <span className="block text-xs text-slate-600">Ticks itself when the flag provider reads OFF</span>
          )}
        </label>
        {beside}
      </div>
    </li>
  );
}
