import type { IncidentView as Row } from "@/lib/incidents/queries";
import { mayTick, mayUntick } from "@/lib/incidents/who-ticks";
import type { RunbookRoleName } from "@/lib/releases/template";

export interface IncidentStepView {
  id: string;
  role: RunbookRoleName;
  text: string;
  auto: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  contact: string;
  doneAt: string | null;
  doneByLabel: string | null;
  // May the signed-in user tick it (their step) or untick it (their tick)?
  mine: boolean;
}

export interface IncidentChecklist {
  trigger: "STOP" | "AUTO_STOP" | "MANUAL";
  reason: string;
  startedAt: string;
  startedByLabel: string;
  steps: IncidentStepView[];
}

// A running incident as the signed-in user's checklist: plain strings for the browser, and for each
// step whether this user's checkbox works.
export function incidentForViewer(incident: Row, user: { id: string }, deciders: readonly (string | null)[], mayAct: boolean): IncidentChecklist {
  return {
    trigger: incident.trigger,
    reason: incident.reason,
    startedAt: incident.startedAt.toISOString(),
    startedByLabel: incident.startedByLabel,
    steps: incident.steps.map((step) => {
      const ownership = { assigneeId: step.assigneeId, doneById: step.doneById, done: !!step.doneAt };
      return {
        id: step.id,
        role: step.role,
        text: step.text,
        auto: step.autoCheck === "FLAG_OFF",
        assigneeId: step.assigneeId,
        assigneeName: step.assigneeName,
        contact: step.assignee?.contact ?? "",
        doneAt: step.doneAt?.toISOString() ?? null,
        doneByLabel: step.doneByLabel,
        mine: mayAct && (step.doneAt ? mayUntick(user.id, ownership) : mayTick(user.id, ownership, deciders)),
      };
    }),
  };
}
