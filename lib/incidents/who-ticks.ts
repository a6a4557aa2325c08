// Whose a runbook step is in an incident: its assignee's to tick; one nobody was assigned to falls
// to the decision owner and the backup. A tick is undone only by whoever made it, and never
// Switchback's own reading of the flag. Shared by the command and the cockpit's checkboxes.

export interface StepOwnership {
  assigneeId: string | null;
  doneById: string | null;
  done: boolean;
}

export function mayTick(userId: string, step: StepOwnership, deciders: readonly (string | null)[]): boolean {
  return step.assigneeId ? step.assigneeId === userId : deciders.includes(userId);
}

export function mayUntick(userId: string, step: StepOwnership): boolean {
  return step.done && step.doneById === userId;
}
