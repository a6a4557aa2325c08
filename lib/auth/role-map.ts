import type { Role } from "@/lib/permissions";

// Group → role mapping for sign-in through the identity provider (AUTH_OIDC_ROLE_MAP, e.g.
// "release-admins=admin,release-ops=operator"). When a mapping is configured, a person's role
// follows the identity provider at every sign-in: the highest mapped role among their groups, or
// viewer when none of their groups is mapped. Without a mapping, admins set roles in Switchback.

export interface RoleMapping {
  group: string;
  role: Role;
}

const ROLES: Record<string, Role> = { viewer: "VIEWER", operator: "OPERATOR", admin: "ADMIN" };
const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

// Unset or blank: no mapping (undefined). Throws a sentence naming the entry that is wrong.
export function parseRoleMap(value: string | undefined): RoleMapping[] | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;
  const mappings: RoleMapping[] = [];
  for (const part of text.split(",")) {
    const entry = part.trim();
    if (entry === "") continue;
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, Math.max(at, 0)).trim();
    const role =
      ROLES[
        entry
          .slice(at + 1)
          .trim()
          .toLowerCase()
      ];
    if (at < 0 || group === "") throw new Error(`must be a comma-separated list of group=role entries ("${entry}" is not one)`);
    if (!role) throw new Error(`maps "${group}" to an unknown role; use viewer, operator or admin`);
    const earlier = mappings.find((m) => m.group === group);
    if (earlier && earlier.role !== role) throw new Error(`maps "${group}" twice, to different roles`);
    if (!earlier) mappings.push({ group, role });
  }
  if (mappings.length === 0) throw new Error("must name at least one group=role entry");
  return mappings;
}

// The claim's groups: identity providers send a list of strings, some a single string.
function groupsOf(claim: unknown): string[] {
  if (typeof claim === "string") return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === "string") : [];
}

// The role the identity provider gives, and the group it comes from (null: no group is mapped).
export function roleFromGroups(mappings: RoleMapping[], claim: unknown): { role: Role; group: string | null } {
  const groups = new Set(groupsOf(claim));
  let best: { role: Role; group: string | null } = { role: "VIEWER", group: null };
  for (const mapping of mappings) {
    if (groups.has(mapping.group) && (best.group === null || RANK[mapping.role] > RANK[best.role])) best = mapping;
  }
  return best;
}
