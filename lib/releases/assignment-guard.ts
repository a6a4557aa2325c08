import { AppError } from "@/lib/errors";
import { assignmentRule, type Assignment, type ReleaseRoles, type Subject } from "@/lib/permissions";
import type { ReleaseStatus } from "@/lib/releases/status";

// Applies the status rules of lib/permissions.ts to one edit's changes of people and flag, with
// messages written for the person who tried. The caller passes the roles and status as they were
// before its edit, read inside its transaction after locking the release row.

export interface AssignmentChange {
  what: Assignment;
  // The form field that carries the change, for the field-level error.
  field: string;
}

const FORBIDDEN: Record<Assignment, string> = {
  decisionOwner: "Once the release is ready, only its decision owner or an admin can change the decision owner.",
  backup: "Once the release is ready, only its decision owner or an admin can change the backup.",
  stageOwner: "Once the release is ready, only its decision owner, the backup or an admin can change stage owners.",
  fourEyes: "Once the release is ready, only its decision owner or an admin can change the four-eyes rule.",
  flag: "You cannot change this release's flag.",
};
const LIVE_FORBIDDEN = "The deploy has started: only an admin can reassign owners now, with a written reason.";
const FROZEN = "The flag is frozen once the deploy has started: the kill switch must stay the one everyone is watching.";
export const REASON_FIELD = "reassignReason";

// Why a field is locked for this person, in the words the form shows beside it.
export function lockedReason(what: Assignment, rule: "forbidden" | "frozen", status: ReleaseStatus): string {
  if (rule === "frozen") return FROZEN;
  return status === "DRAFT" || status === "READY" ? FORBIDDEN[what] : LIVE_FORBIDDEN;
}

// Returns the admin's written reason when one was required (it belongs in the audit event).
export function assertAssignments(
  user: Subject,
  release: ReleaseRoles & { status: ReleaseStatus },
  changes: AssignmentChange[],
  reason: string | null,
): { reasonRequired: boolean } {
  let reasonRequired = false;
  for (const change of changes) {
    const rule = assignmentRule(user, change.what, release);
    if (rule === "frozen") throw new AppError("CONFLICT", FROZEN, { [change.field]: [FROZEN] });
    if (rule === "forbidden") {
      const message = lockedReason(change.what, rule, release.status);
      throw new AppError("FORBIDDEN", message, { [change.field]: [message] });
    }
    if (rule === "needs_reason") reasonRequired = true;
  }
  if (reasonRequired && !reason) {
    throw new AppError("INVALID", "Say why you are reassigning an owner during the deploy.", {
      [REASON_FIELD]: ["Say why you are reassigning an owner during the deploy"],
    });
  }
  return { reasonRequired };
}
