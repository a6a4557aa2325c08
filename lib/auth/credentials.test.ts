import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AccountLocked, checkCredentials } from "@/lib/auth/credentials";
import { addressKey, currentFailures, delayFor, lockoutMs, recordFailure } from "@/lib/auth/throttle";
import { createUser, testDb } from "@/lib/testing/db";

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const wrong = (email: string) => checkCredentials(testDb(), { email, password: "wrong-password" }, address());

describe("password sign-in", () => {
  it("returns the user for the right password and audits the sign-in", async () => {
    const user = await createUser("OPERATOR", "s3cret-pass");
    const signedIn = await checkCredentials(testDb(), { email: user.email.toUpperCase(), password: "s3cret-pass" }, address());
    expect(signedIn).toEqual(user);
    const event = await testDb().auditEvent.findFirst({ where: { actorId: user.id, action: "auth.signed_in" } });
    expect(event).not.toBeNull();
  });

  it("refuses a wrong password and counts it against the address and the account", async () => {
    const user = await createUser("VIEWER", "right-password");
    const from = address();
    expect(await checkCredentials(testDb(), { email: user.email, password: "wrong-password" }, from)).toBeNull();
    expect(await currentFailures(testDb(), addressKey(from))).toBe(1);
    expect(await currentFailures(testDb(), `account:${user.email}`)).toBe(1);
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
    await recordFailure(testDb(), addressKey(from));
    await recordFailure(testDb(), addressKey(from));
    expect(await currentFailures(testDb(), addressKey(from))).toBe(2);
    await checkCredentials(testDb(), { email: user.email, password: "pw" }, from);
    expect(await currentFailures(testDb(), addressKey(from))).toBe(0);
  });

  it("counts simultaneous failures from one address without losing any", async () => {
    const key = addressKey(address());
    await Promise.all(Array.from({ length: 10 }, () => recordFailure(testDb(), key)));
    expect(await currentFailures(testDb(), key)).toBe(10);
  });

  it("forgets failures older than the window", async () => {
    const key = addressKey(address());
    await recordFailure(testDb(), key, new Date(Date.now() - 60 * 60 * 1000));
    expect(await currentFailures(testDb(), key)).toBe(0);
  });
});

describe("locking an account after repeated failures", () => {
  it("refuses even the right password after 10 failures in 15 minutes, from any number of addresses", async () => {
    const user = await createUser("OPERATOR", "the-password");
    for (let i = 0; i < 9; i++) expect(await wrong(user.email)).toBeNull();
    expect(await checkCredentials(testDb(), { email: user.email, password: "the-password" }, address())).toEqual(user);
    for (let i = 0; i < 10; i++) expect(await wrong(user.email)).toBeNull();
    await expect(checkCredentials(testDb(), { email: user.email, password: "the-password" }, address())).rejects.toThrow(AccountLocked);
  });

  it("locks an unknown email exactly like a real one, so the answer reveals nothing", async () => {
    const email = `ghost-${randomUUID()}@nowhere.test`;
    for (let i = 0; i < 10; i++) expect(await wrong(email)).toBeNull();
    const refusal = await checkCredentials(testDb(), { email, password: "anything" }, address()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AccountLocked);
    expect((refusal as AccountLocked).message).toBe("Too many failed sign-ins for this account. Try again in 15 minutes.");
  });

  it("locks for longer each time, up to a day", () => {
    expect([1, 2, 3].map(lockoutMs)).toEqual([15, 30, 60].map((m) => m * 60_000));
    expect(lockoutMs(20)).toBe(24 * 60 * 60_000);
  });
});

describe("slowing down repeated failures", () => {
  it("lets the first few through at once, then doubles the wait up to a cap", () => {
    expect([0, 4].map(delayFor)).toEqual([0, 0]);
    expect([5, 6, 7].map(delayFor)).toEqual([500, 1000, 2000]);
    expect(delayFor(50)).toBe(8000);
  });
});
