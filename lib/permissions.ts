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
  | "stage.complete"
  | "deploy.start"
  | "decision"
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
      return isOperatorOrAdmin(user) || isDecider(user, release) || ownsAStage(user, release);
    case "flag.on":
      return user.role === "ADMIN" || isDecider(user, release);
    case "stage.complete":
      return user.role === "ADMIN" || isDecider(user, release) || (!!target.stageOwnerId && target.stageOwnerId === user.id);
    // Not in PRODUCT.md's table: starting the deploy is the decision owners' call, or an admin's.
    case "deploy.start":
      return user.role === "ADMIN" || isDecider(user, release);
    case "decision":
      return isDecider(user, release);
    case "admin":
      return user.role === "ADMIN";
  }
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: "Viewer", OPERATOR: "Operator", ADMIN: "Admin" };
