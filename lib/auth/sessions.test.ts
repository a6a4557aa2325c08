import { describe, expect, it } from "vitest";
import { endSession, readSessionUser, startSession } from "@/lib/auth/sessions";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { endAllSessions, signOutSession } from "@/lib/users/commands";

// The session cookie names a server-side session; every request reads the session and its user
// in one statement, so sign-out, an admin's "End all sessions", a role change and disabling an
// account all take effect on the next request rather than when the cookie expires.

describe("server-side sessions", () => {
  it("reads the user of a live session, with the role as it is now", async () => {
    const user = await createUser("OPERATOR");
    const sessionId = await startSession(testDb(), user.id);
    expect(await readSessionUser(testDb(), sessionId, user.id)).toEqual(user);
    await testDb().user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect(await readSessionUser(testDb(), sessionId, user.id)).toEqual({ ...user, role: "VIEWER" });
  });

  it("refuses an ended session, a disabled user, a token without a session and another user's session", async () => {
    const user = await createUser("ADMIN");
    const other = await createUser("VIEWER");
    const sessionId = await startSession(testDb(), user.id);
    expect(await readSessionUser(testDb(), sessionId, other.id)).toBeNull();
    expect(await readSessionUser(testDb(), undefined, user.id)).toBeNull();
    expect(await readSessionUser(testDb(), "not-a-uuid", user.id)).toBeNull();

    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await readSessionUser(testDb(), sessionId, user.id)).toBeNull();
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: null } });
    expect(await readSessionUser(testDb(), sessionId, user.id)).not.toBeNull();

    expect(await endSession(testDb(), sessionId)).toBe(true);
    expect(await readSessionUser(testDb(), sessionId, user.id)).toBeNull();
    expect(await endSession(testDb(), sessionId)).toBe(false);
  });

  it("ends a session 12 hours after sign-in, as the cookie does", async () => {
    const user = await createUser("VIEWER");
    const sessionId = await startSession(testDb(), user.id);
    await testDb().userSession.update({ where: { id: sessionId }, data: { createdAt: new Date(Date.now() - 12 * 60 * 60 * 1000 - 1000) } });
    expect(await readSessionUser(testDb(), sessionId, user.id)).toBeNull();
  });

  it("signing out ends one's own session only, audited", async () => {
    const user = await createUser("VIEWER");
    const other = await createUser("VIEWER");
    const mine = await startSession(testDb(), user.id);
    const theirs = await startSession(testDb(), other.id);
    expect((await as(user)(signOutSession, { sessionId: theirs })).ok).toBe(false);
    expect(await readSessionUser(testDb(), theirs, other.id)).not.toBeNull();
    ok(await as(user)(signOutSession, { sessionId: mine }));
    expect(await readSessionUser(testDb(), mine, user.id)).toBeNull();
    expect(await testDb().auditEvent.count({ where: { actorId: user.id, action: "auth.signed_out" } })).toBe(1);
  });
});

describe("an admin ends all sessions of a user", () => {
  it("ends every live session in one audited event; others may not", async () => {
    const admin = await createUser("ADMIN");
    const operator = await createUser("OPERATOR");
    const user = await createUser("VIEWER");
    const sessions = await Promise.all([startSession(testDb(), user.id), startSession(testDb(), user.id)]);

    const refused = await as(operator)(endAllSessions, { userId: user.id });
    expect(refused.ok || refused.error.code).toBe("FORBIDDEN");

    expect(ok(await as(admin)(endAllSessions, { userId: user.id }))).toEqual({ ended: 2 });
    for (const id of sessions) expect(await readSessionUser(testDb(), id, user.id)).toBeNull();
    const events = await testDb().auditEvent.findMany({ where: { actorId: admin.id, action: "user.sessions_ended" }, select: { after: true } });
    expect(events.map((e) => e.after)).toEqual([{ userId: user.id, email: user.email, ended: 2 }]);
  });
});
