import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { parseRoleMap, roleFromGroups } from "@/lib/auth/role-map";

const oidc = { AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "switchback", AUTH_OIDC_SECRET: "s3cret" };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe("AUTH_OIDC_ROLE_MAP", () => {
  it("reads group=role pairs, roles in any case, and means no mapping when unset or blank", () => {
    expect(parseRoleMap(" release-admins=admin, release-ops = Operator ,")).toEqual([
      { group: "release-admins", role: "ADMIN" },
      { group: "release-ops", role: "OPERATOR" },
    ]);
    // The role is after the last "=", so a group name may hold one (cn=release-ops).
    expect(parseRoleMap("cn=release-ops=operator")).toEqual([{ group: "cn=release-ops", role: "OPERATOR" }]);
    expect(parseRoleMap(undefined)).toBeUndefined();
    expect(parseRoleMap("  ")).toBeUndefined();
  });

  it("refuses entries it cannot read, with the environment naming the variable and the entry", () => {
    expect(() => parseRoleMap("release-ops")).toThrow('"release-ops" is not one');
    expect(() => parseRoleMap("release-ops=superuser")).toThrow('maps "release-ops" to an unknown role; use viewer, operator or admin');
    expect(() => parseRoleMap("=admin")).toThrow('"=admin" is not one');
    expect(() => parseRoleMap("ops=admin,ops=viewer")).toThrow('maps "ops" twice');
    expect(problems({ ...oidc, AUTH_OIDC_ROLE_MAP: "release-ops=root" })).toEqual([
      'AUTH_OIDC_ROLE_MAP maps "release-ops" to an unknown role; use viewer, operator or admin (got "release-ops=root")',
    ]);
    expect(problems({ AUTH_OIDC_ROLE_MAP: "release-ops=operator" })).toEqual([expect.stringMatching(/^AUTH_OIDC_ROLE_MAP needs OIDC sign-in configured/)]);
  });

  it("defaults the claim to groups and parses a valid mapping into the environment", () => {
    const env = parseEnv({ ...oidc, AUTH_OIDC_ROLE_MAP: "release-admins=admin" });
    expect(env.AUTH_OIDC_ROLE_CLAIM).toBe("groups");
    expect(env.AUTH_OIDC_ROLE_MAP).toEqual([{ group: "release-admins", role: "ADMIN" }]);
    expect(parseEnv({}).AUTH_OIDC_ROLE_MAP).toBeUndefined();
  });
});

describe("the role a person's groups give", () => {
  const mapping = parseRoleMap("release-ops=operator,release-admins=admin,auditors=viewer")!;

  it("is the highest mapped role, named with the group it comes from", () => {
    expect(roleFromGroups(mapping, ["lunch-club", "release-ops", "release-admins"])).toEqual({ role: "ADMIN", group: "release-admins" });
    expect(roleFromGroups(mapping, ["auditors", "release-ops"])).toEqual({ role: "OPERATOR", group: "release-ops" });
    expect(roleFromGroups(mapping, "release-ops")).toEqual({ role: "OPERATOR", group: "release-ops" });
  });

  it("is viewer when no group is mapped or the claim is missing or malformed", () => {
    expect(roleFromGroups(mapping, ["lunch-club"])).toEqual({ role: "VIEWER", group: null });
    expect(roleFromGroups(mapping, undefined)).toEqual({ role: "VIEWER", group: null });
    expect(roleFromGroups(mapping, [42, { name: "release-admins" }])).toEqual({ role: "VIEWER", group: null });
    expect(roleFromGroups(mapping, ["auditors"])).toEqual({ role: "VIEWER", group: "auditors" });
  });
});
