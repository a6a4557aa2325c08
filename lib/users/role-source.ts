import { env } from "@/lib/env";

// Where a role comes from, as the Users page says it, and whether an admin may change it: a role
// the identity provider set is its to change while a group → role mapping is configured (it would
// be overwritten at the next sign-in anyway). Turn the mapping off and admins own every role again.

export interface RoleSourceFields {
  roleSource: "ADMIN" | "IDENTITY_PROVIDER";
  roleSourceGroup: string | null;
}

export const rolesFollowIdentityProvider = (): boolean => env.AUTH_OIDC_ROLE_MAP !== undefined;

export const roleManagedByIdentityProvider = (user: RoleSourceFields): boolean => user.roleSource === "IDENTITY_PROVIDER" && rolesFollowIdentityProvider();

export function describeRoleSource(user: RoleSourceFields): string {
  if (user.roleSource === "ADMIN") return "set by an admin";
  return `set by the identity provider (${user.roleSourceGroup ?? "no mapped group"})`;
}
