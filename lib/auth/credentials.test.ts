import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { currentFailures, delayFor, recordFailure } from "@/lib/auth/throttle";
import { createUser, testDb } from "@/lib/testing/db";

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;

describe("password sign-in", () => {
  it("returns the user for the right password and audits the sign-in", async () => {
    const user = await createUser("OPERATOR", "s3cret-pass");
    const signedIn = await checkCredentials(testDb(), { email: user.email.toUpperCase(), password: "s3cret-pass" }, address());
    expect(signedIn).toEqual(user);
    const event = await testDb().auditEvent.findFirst({ where: { actorId: user.id, action: "auth.signed_in" } });
    expect(event).not.toBeNull();
  });

  it("refuses a wrong password, counts it against the address, and audits it without the password", async () => {
    const user = await createUser("VIEWER", "right-password");
    const from = address();
    expect(await checkCredentials(testDb(), { email: user.email, password: "wrong-password" }, from)).toBeNull();
    expect(await currentFailures(testDb(), from)).toBe(1);
    const events = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_failed" }, select: { after: true } });
    const mine = events.find((e) => (e.after as { address?: string }).address === from);
    expect(mine?.after).toEqual({ email: user.email, address: from });
    expect(JSON.stringify(events)).not.toContain("wrong-password");
  });

  it("refuses an unknown email and a disabled account the same way", async () => {
    expect(await checkCredentials(testDb(), { email: "nobody@nowhere.test", password: "x" }, address())).toBeNull();
    const user = await createUser("ADMIN", "pw-for-disabled");
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await checkCredentials(testDb(), { email: user.email, password: "pw-for-disabled" }, address())).toBeNull();
  });

  it("clears the failure count after a successful sign-in", async () => {
    const user = await createUser("OPERATOR", "pw");
    const from = address();
    await recordFailure(testDb(), from);
    await recordFailure(testDb(), from);
    expect(await currentFailures(testDb(), from)).toBe(2);
    await checkCredentials(testDb(), { email: user.email, password: "pw" }, from);
    expect(await currentFailures(testDb(), from)).toBe(0);
  });

  it("counts simultaneous failures from one address without losing any", async () => {
    const from = address();
    await Promise.all(Array.from({ length: 10 }, () => recordFailure(testDb(), from)));
    expect(await currentFailures(testDb(), from)).toBe(10);
  });

  it("forgets failures older than the window", async () => {
    const from = address();
    await recordFailure(testDb(), from, new Date(Date.now() - 60 * 60 * 1000));
    expect(await currentFailures(testDb(), from)).toBe(0);
  });
});

describe("slowing down repeated failures", () => {
  it("lets the first few through at once, then doubles the wait up to a cap", () => {
    expect([0, 4].map(delayFor)).toEqual([0, 0]);
    expect([5, 6, 7].map(delayFor)).toEqual([500, 1000, 2000]);
    expect(delayFor(50)).toBe(8000);
  });
});
