import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser, testDb } from "@/lib/testing/db";

// An admin's role change against a role the identity provider set, with and without a group
// mapping configured. The environment is read once at start: the app's modules load again with it.

async function withMapping(map: string | undefined) {
  vi.stubEnv("AUTH_OIDC_ISSUER", map ? "https://id.example.com" : "");
  vi.stubEnv("AUTH_OIDC_ID", map ? "switchback" : "");
  vi.stubEnv("AUTH_OIDC_SECRET", map ? "s3cret" : "");
  vi.stubEnv("AUTH_OIDC_ROLE_MAP", map ?? "");
  vi.resetModules();
  const { as } = await import("@/lib/testing/actions");
  const { changeRole } = await import("@/lib/users/commands");
  return { as, changeRole };
}

async function idpManagedOperator() {
  const user = await createUser("OPERATOR");
  await testDb().user.update({ where: { id: user.id }, data: { roleSource: "IDENTITY_PROVIDER", roleSourceGroup: "release-ops" } });
  return user;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("changing a role the identity provider set", () => {
  it("is refused while roles follow the identity provider, saying where to change it", async () => {
    const { as, changeRole } = await withMapping("release-ops=operator");
    const [admin, user] = [await createUser("ADMIN"), await idpManagedOperator()];
    const refused = await as(admin)(changeRole, { userId: user.id, role: "ADMIN" });
    expect(refused.ok ? null : refused.error).toEqual({
      code: "CONFLICT",
      message: `${user.name}'s role is set by the identity provider (release-ops) at each sign-in. Change their groups in the identity provider.`,
    });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("OPERATOR");
  });

  it("is an admin's again once the mapping is off, and the role is then set by an admin", async () => {
    const { as, changeRole } = await withMapping(undefined);
    const [admin, user] = [await createUser("ADMIN"), await idpManagedOperator()];
    expect((await as(admin)(changeRole, { userId: user.id, role: "VIEWER" })).ok).toBe(true);
    expect(await testDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, roleSource: true, roleSourceGroup: true } })).toEqual({
      role: "VIEWER",
      roleSource: "ADMIN",
      roleSourceGroup: null,
    });
  });
});
