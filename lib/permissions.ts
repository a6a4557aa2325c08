import type { ReleaseStatus } from "@/lib/releases/status";

// Who may do what: the permission table of PRODUCT.md, as plain functions.
// Global roles grant some actions everywhere; per-release roles (decision owner, backup, stage
// owner) grant others on that release only.

export type Role = "VIEWER" | "OPERATOR" | "ADMIN";

export type Permission =
  | "read"
  | "plan.create"
  | "plan.edit"
  | "flag.off"
  | "flag.on"
  | "backfill.pause"
  | "backfill.resume"
  | "stage.complete"
  | "deploy.start"
  | "decision"
  | "flag.approve"
  | "outcome"
  | "incident"
  | "admin";

export interface Subject {
  id: string;
  role: Role;
}

export interface CurrentUser extends Subject {
  email: string;
  name: string;
}

export interface ReleaseRoles {
  decisionOwnerId: string | null;
  backupOwnerId: string | null;
  stageOwnerIds: readonly (string | null)[];
}

export interface Target {
  release?: ReleaseRoles;
  // For "stage.complete": the owner of the stage being completed.
  stageOwnerId?: string | null;
}

const isOperatorOrAdmin = (user: Subject) => user.role === "OPERATOR" || user.role === "ADMIN";

function isDecider(user: Subject, release: ReleaseRoles | undefined): boolean {
  return !!release && (release.decisionOwnerId === user.id || release.backupOwnerId === user.id);
}

function ownsAStage(user: Subject, release: ReleaseRoles | undefined): boolean {
  return !!release && release.stageOwnerIds.includes(user.id);
}

export function can(user: Subject, permission: Permission, target: Target = {}): boolean {
  const { release } = target;
  switch (permission) {
    case "read":
      return true;
    case "plan.create":
      return isOperatorOrAdmin(user);
    case "plan.edit":
    case "flag.off":
    // The backfill's pause button is a safety valve like the kill switch.
    case "backfill.pause":
    // Start an incident, tick one's own runbook steps (the command checks whose), add notes.
    case "incident":
      return isOperatorOrAdmin(user) || isDecider(user, release) || ownsAStage(user, release);
    case "flag.on":
    case "backfill.resume":
      return user.role === "ADMIN" || isDecider(user, release);
    case "stage.complete":
      return user.role === "ADMIN" || isDecider(user, release) || (!!target.stageOwnerId && target.stageOwnerId === user.id);
    // Not in PRODUCT.md's table: starting the deploy is the decision owners' call, or an admin's.
    case "deploy.start":
      return user.role === "ADMIN" || isDecider(user, release);
    case "decision":
      return isDecider(user, release);
    // A four-eyes flag-on request is approved by the backup or an admin (never by its requester,
    // which the command checks: only it knows who asked).
    case "flag.approve":
      return user.role === "ADMIN" || (!!release && release.backupOwnerId === user.id);
    // Ending a release (rolled back, abandoned) is the decision owner's record, or an admin's.
    case "outcome":
      return user.role === "ADMIN" || (!!release && release.decisionOwnerId === user.id);
    case "admin":
      return user.role === "ADMIN";
  }
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: "Viewer", OPERATOR: "Operator", ADMIN: "Admin" };

// Who may change the people and the flag of a release depends on its status (PRODUCT.md): in a
// draft any plan editor sets them; once READY the decision owner and backup change only by an
// admin or the current decision owner, stage owners by a decider or an admin; from IN PROGRESS on
// the flag is frozen and only an admin reassigns owners, with a written reason.
export type Assignment = "decisionOwner" | "backup" | "stageOwner" | "flag" | "fourEyes";
export type AssignmentRule = "allowed" | "needs_reason" | "forbidden" | "frozen";

const LIVE_OR_DONE: readonly ReleaseStatus[] = ["IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];

export function assignmentRule(user: Subject, what: Assignment, release: ReleaseRoles & { status: ReleaseStatus }): AssignmentRule {
  if (!can(user, "plan.edit", { release })) return "forbidden";
  if (release.status === "DRAFT") return "allowed";
  const live = LIVE_OR_DONE.includes(release.status);
  if (what === "flag") return live ? "frozen" : "allowed";
  if (live) return user.role === "ADMIN" ? "needs_reason" : "forbidden";
  const isAdmin = user.role === "ADMIN";
  if (what === "stageOwner") return isAdmin || isDecider(user, release) ? "allowed" : "forbidden";
  return isAdmin || release.decisionOwnerId === user.id ? "allowed" : "forbidden";
}
