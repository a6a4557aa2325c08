import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import type { Db } from "@/lib/db";
import { openScratchDb } from "@/lib/testing/db";

// Failed sign-ins are unauthenticated: one audit event each would let anyone flood the trail.
// A burst is recorded as the start of a window and, when the window closes, its count.

let scratch: Awaited<ReturnType<typeof openScratchDb>>;
let db: Db;

beforeAll(async () => {
  scratch = await openScratchDb();
  db = scratch.db;
});
afterAll(() => scratch.drop());

const events = () => db.auditEvent.findMany({ where: { action: { startsWith: "auth." } }, orderBy: { id: "asc" }, select: { action: true, after: true } });
const fail = (i: number) => checkCredentials(db, { email: `someone-${i}-${randomUUID()}@nowhere.test`, password: "wrong-password" }, `198.51.100.${i}`);

describe("auditing a burst of failed sign-ins", () => {
  it("writes one event when failures begin and one with the count when the window closes", async () => {
    for (let i = 0; i < 25; i++) expect(await fail(i)).toBeNull();
    expect((await events()).map((e) => e.action)).toEqual(["auth.sign_in_failures_started"]);

    await db.$executeRaw`UPDATE sign_in_failure_windows SET opened_at = opened_at - interval '16 minutes' WHERE closed_at IS NULL`;
    expect(await fail(99)).toBeNull();

    const trail = await events();
    expect(trail.map((e) => e.action)).toEqual(["auth.sign_in_failures_started", "auth.sign_in_failures", "auth.sign_in_failures_started"]);
    const closed = trail[1]!.after as { failures: number; accounts: string[]; addresses: string[] };
    expect(closed.failures).toBe(25);
    expect(closed.addresses).toHaveLength(20); // a sample, capped: the count is what matters
    expect(JSON.stringify(trail)).not.toContain("wrong-password");
  });
});
