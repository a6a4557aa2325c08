import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { readSessionUser, startSession } from "@/lib/auth/sessions";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { changeRole, createUser as createAccount, setUserDisabled } from "@/lib/users/commands";

// Settings → Users through the real mutation path on the shared test database. The last-admin
// rule needs a database with a known set of admins: lib/users/last-admin.test.ts.

const address = () => `198.51.100.${randomInt(1, 250)}`;
const auditOf = (userId: string) =>
  testDb().auditEvent.findMany({
    where: { after: { path: ["id"], equals: userId } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, before: true, after: true },
  });

async function adminCreates(role: "VIEWER" | "OPERATOR" | "ADMIN" = "VIEWER") {
  const admin = await createUser("ADMIN");
  const email = `New.Person-${randomUUID()}@Example.test`;
  const created = ok(await as(admin)(createAccount, { name: "New Person", email: `  ${email} `, role }));
  expect(created.email).toBe(email.toLowerCase());
  return { admin, ...created };
}

describe("createUser", () => {
  it("creates a local account whose one-time password signs in, audited without the password", async () => {
    const { admin, id, email, password } = await adminCreates("OPERATOR");
    expect(password.length).toBeGreaterThanOrEqual(20);
    const stored = await testDb().user.findUniqueOrThrow({
      where: { id },
      select: { email: true, name: true, role: true, passwordHash: true, disabledAt: true },
    });
    expect(stored).toMatchObject({ email, name: "New Person", role: "OPERATOR", disabledAt: null });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(await checkCredentials(testDb(), { email, password }, address())).toMatchObject({ id, role: "OPERATOR" });

    const trail = await auditOf(id);
    expect(trail).toEqual([{ action: "user.created", actorId: admin.id, before: null, after: { id, email, name: "New Person", role: "OPERATOR" } }]);
    expect(JSON.stringify(trail)).not.toContain(password);
  });

  it("refuses an email another account uses, whatever its case, on the Email field", async () => {
    const { admin, email } = await adminCreates();
    const result = await as(admin)(createAccount, { name: "Twin", email: email.toUpperCase(), role: "VIEWER" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { email: ["Another account already uses this email"] } } });
    expect(await testDb().user.count({ where: { email: { equals: email, mode: "insensitive" } } })).toBe(1);
  });

  it("names each invalid field", async () => {
    const result = await as(await createUser("ADMIN"))(createAccount, { name: " ", email: "not an email", role: "ROOT" });
    expect(result.ok ? null : Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(["email", "name", "role"]);
  });
});

describe("changeRole", () => {
  it("changes the role, effective on the user's next request, with before and after in the trail", async () => {
    const { admin, id } = await adminCreates("VIEWER");
    const sessionId = await startSession(testDb(), id);
    expect(ok(await as(admin)(changeRole, { userId: id, role: "OPERATOR" }))).toEqual({ role: "OPERATOR" });
    expect(await readSessionUser(testDb(), sessionId, id)).toMatchObject({ role: "OPERATOR" });
    const event = (await auditOf(id)).find((e) => e.action === "user.role_changed");
    expect(event).toMatchObject({ actorId: admin.id, before: { id, role: "VIEWER" }, after: { id, role: "OPERATOR" } });
  });

  it("lets an admin step down while another active admin remains", async () => {
    const admin = await createUser("ADMIN");
    await createUser("ADMIN");
    expect(ok(await as(admin)(changeRole, { userId: admin.id, role: "VIEWER" }))).toEqual({ role: "VIEWER" });
  });

  it("says so when the role is already the chosen one, and refuses an unknown user", async () => {
    const { admin, id } = await adminCreates("VIEWER");
    expect(await as(admin)(changeRole, { userId: id, role: "VIEWER" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "New Person is already Viewer." },
    });
    expect(await as(admin)(changeRole, { userId: randomUUID(), role: "VIEWER" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("setUserDisabled", () => {
  it("disables an account and ends its sessions in the same change; sign-in is refused until it is enabled", async () => {
    const { admin, id, email, password } = await adminCreates("OPERATOR");
    const sessions = [await startSession(testDb(), id), await startSession(testDb(), id)];
    expect(ok(await as(admin)(setUserDisabled, { userId: id, disabled: true }))).toEqual({ disabled: true, endedSessions: 2 });
    expect(await testDb().userSession.count({ where: { userId: id, endedAt: null } })).toBe(0);
    expect(await readSessionUser(testDb(), sessions[0], id)).toBeNull();
    expect(await checkCredentials(testDb(), { email, password }, address())).toBeNull();

    ok(await as(admin)(setUserDisabled, { userId: id, disabled: false }));
    expect(await checkCredentials(testDb(), { email, password }, address())).toMatchObject({ id });
    expect((await auditOf(id)).map((e) => [e.action, e.after])).toEqual([
      ["user.created", expect.anything()],
      ["user.disabled", { id, email, endedSessions: 2 }],
      ["user.enabled", { id, email }],
    ]);
  });

  it("does not let an admin disable themselves", async () => {
    const admin = await createUser("ADMIN");
    await createUser("ADMIN");
    expect(await as(admin)(setUserDisabled, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await testDb().user.findUniqueOrThrow({ where: { id: admin.id }, select: { disabledAt: true } })).toEqual({ disabledAt: null });
  });

  it("says so when the account is already in the chosen state", async () => {
    const { admin, id } = await adminCreates();
    expect(await as(admin)(setUserDisabled, { userId: id, disabled: false })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "New Person's account is already enabled." },
    });
  });
});
