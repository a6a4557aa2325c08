import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveExternalUser, type ExternalIdentity } from "@/lib/auth/external-account";
import { createUser, testDb } from "@/lib/testing/db";

// Sign-in through GitHub/OIDC against the real test database: which local user an identity
// becomes, and, with a group mapping, the role the identity provider gives at each sign-in.

const identity = (overrides: Partial<ExternalIdentity> = {}): ExternalIdentity => ({
  provider: "oidc",
  providerAccountId: randomUUID(),
  email: `sso-${randomUUID()}@test.switchback.test`,
  emailVerified: true,
  name: "Sso Person",
  ...overrides,
});

const stored = (id: string) => testDb().user.findUniqueOrThrow({ where: { id }, select: { role: true, roleSource: true, roleSourceGroup: true } });
const roleEvents = (id: string) =>
  testDb().auditEvent.findMany({
    where: { action: { in: ["user.role_changed", "user.role_source_changed"] }, after: { path: ["id"], equals: id } },
    orderBy: { id: "asc" },
    select: { action: true, actorType: true, actorLabel: true, before: true, after: true },
  });

describe("the first sign-in through an identity provider", () => {
  it("creates a viewer when no mapping is configured, and a role from the groups when one is", async () => {
    const plain = await resolveExternalUser(testDb(), identity());
    expect(await stored(plain!.id)).toEqual({ role: "VIEWER", roleSource: "ADMIN", roleSourceGroup: null });

    const mapped = await resolveExternalUser(testDb(), identity({ idpRole: { role: "OPERATOR", group: "release-ops" } }));
    expect(mapped?.role).toBe("OPERATOR");
    expect(await stored(mapped!.id)).toEqual({ role: "OPERATOR", roleSource: "IDENTITY_PROVIDER", roleSourceGroup: "release-ops" });
    const created = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.created", after: { path: ["id"], equals: mapped!.id } } });
    expect(created).toMatchObject({ actorType: "SYSTEM", actorLabel: "oidc sign-in", after: { role: "OPERATOR", group: "release-ops" } });
    expect(await roleEvents(mapped!.id)).toEqual([]);
  });

  it("links an existing account by verified email only", async () => {
    const user = await createUser("OPERATOR");
    expect(await resolveExternalUser(testDb(), identity({ email: user.email, emailVerified: false }))).toBeNull();
    const linked = await resolveExternalUser(testDb(), identity({ email: user.email.toUpperCase() }));
    expect(linked?.id).toBe(user.id);
    expect(await testDb().account.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("roles that follow the identity provider", () => {
  it("replace the stored role at each sign-in, audited with the sign-in as the actor; an unchanged role writes nothing", async () => {
    const user = await createUser("VIEWER");
    const who = identity({ email: user.email });
    await resolveExternalUser(testDb(), { ...who, idpRole: { role: "ADMIN", group: "release-admins" } });
    await resolveExternalUser(testDb(), { ...who, idpRole: { role: "ADMIN", group: "release-admins" } });
    const demoted = await resolveExternalUser(testDb(), { ...who, idpRole: { role: "VIEWER", group: null } });
    expect(demoted?.role).toBe("VIEWER");
    expect(await stored(user.id)).toEqual({ role: "VIEWER", roleSource: "IDENTITY_PROVIDER", roleSourceGroup: null });
    expect(await roleEvents(user.id)).toEqual([
      {
        action: "user.role_changed",
        actorType: "SYSTEM",
        actorLabel: "oidc sign-in",
        before: { id: user.id, email: user.email, role: "VIEWER", source: "admin" },
        after: { id: user.id, email: user.email, role: "ADMIN", source: "identity provider", group: "release-admins" },
      },
      expect.objectContaining({ action: "user.role_changed", after: expect.objectContaining({ role: "VIEWER", group: null }) }),
    ]);
  });

  it("record a role an admin gave that the identity provider now gives as coming from it", async () => {
    const user = await createUser("OPERATOR");
    await resolveExternalUser(testDb(), identity({ email: user.email, idpRole: { role: "OPERATOR", group: "release-ops" } }));
    expect(await stored(user.id)).toEqual({ role: "OPERATOR", roleSource: "IDENTITY_PROVIDER", roleSourceGroup: "release-ops" });
    expect((await roleEvents(user.id)).map((e) => e.action)).toEqual(["user.role_source_changed"]);
  });

  it("leave a disabled account alone: refused, role unchanged", async () => {
    const user = await createUser("ADMIN");
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await resolveExternalUser(testDb(), identity({ email: user.email, idpRole: { role: "VIEWER", group: null } }))).toBeNull();
    expect((await stored(user.id)).role).toBe("ADMIN");
  });
});
