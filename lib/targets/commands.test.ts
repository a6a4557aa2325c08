import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTarget, removeTarget, testTarget } from "@/lib/targets/commands";
import { listTargets } from "@/lib/targets/queries";
import { as, ok } from "@/lib/testing/actions";
import { createScratchDatabase, createUser, testDb } from "@/lib/testing/db";

// The target database actions through the real mutation path: field errors for bad input, the
// URL sealed at rest and masked everywhere, and no password in any audit event.

const PASSWORD = `pw-${randomUUID()}`;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
beforeAll(async () => {
  scratch = await createScratchDatabase();
});
afterAll(async () => {
  await scratch.drop();
});

const eventsOf = (userId: string) =>
  testDb().auditEvent.findMany({ where: { actorId: userId }, orderBy: { id: "asc" }, select: { action: true, before: true, after: true } });

describe("target database actions", () => {
  it("adds a target with its URL sealed, lists it masked, and never audits the password", async () => {
    const admin = await createUser("ADMIN");
    const name = `shop-${randomUUID().slice(0, 8)}`;
    const { id } = ok(await as(admin)(addTarget, { name, url: `postgresql://reader:${PASSWORD}@db.example.test:6432/shop` }));
    const stored = await testDb().targetDatabase.findUniqueOrThrow({ where: { id }, select: { sealedUrl: true } });
    expect(stored.sealedUrl).toMatch(/^v1\./);
    expect(stored.sealedUrl).not.toContain(PASSWORD);
    expect((await listTargets()).find((t) => t.id === id)).toMatchObject({
      name,
      url: "postgresql://reader:••••••@db.example.test:6432/shop",
      lastTestedAt: null,
    });
    const events = await eventsOf(admin.id);
    expect(events).toMatchObject([{ action: "target.added", after: { targetId: id, name, url: "postgresql://reader:••••••@db.example.test:6432/shop" } }]);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it("answers field errors for a URL that is not postgres and for a name already taken", async () => {
    const admin = await createUser("ADMIN");
    const name = `dup-${randomUUID().slice(0, 8)}`;
    const bad = await as(admin)(addTarget, { name, url: "mysql://root@db/shop" });
    expect(bad).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { url: [expect.stringContaining("postgres://")] } } });
    ok(await as(admin)(addTarget, { name, url: "postgres://reader@db.example.test/a" }));
    const taken = await as(admin)(addTarget, { name, url: "postgres://reader@db.example.test/b" });
    expect(taken).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { name: [expect.stringContaining("already exists")] } } });
  });

  it("tests a real target, stores the answer, and audits it without the password", async () => {
    const admin = await createUser("ADMIN");
    const { id } = ok(await as(admin)(addTarget, { name: `real-${randomUUID().slice(0, 8)}`, url: scratch.url }));
    const result = ok(await as(admin)(testTarget, { targetId: id }));
    expect(result).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/^\d+\.\d+/) });
    expect((await listTargets()).find((t) => t.id === id)).toMatchObject({ lastTestOk: true, lastTestMessage: result.message, lastTestedAt: expect.any(Date) });
    const events = await eventsOf(admin.id);
    expect(events.at(-1)).toMatchObject({ action: "target.tested", after: { targetId: id, ok: true, message: result.message } });
    expect(JSON.stringify(events)).not.toContain(new URL(scratch.url).password);
  });

  it("records a target that does not answer as a sentence, not an error", async () => {
    const admin = await createUser("ADMIN");
    const { id } = ok(await as(admin)(addTarget, { name: `down-${randomUUID().slice(0, 8)}`, url: "postgresql://reader:pw@127.0.0.1:1/shop" }));
    expect(ok(await as(admin)(testTarget, { targetId: id }))).toEqual({
      ok: false,
      message: "Nothing is listening on 127.0.0.1:1: the connection was refused.",
    });
  });

  it("removes a target, audited, and refuses non-admins on the server", async () => {
    const admin = await createUser("ADMIN");
    const operator = await createUser("OPERATOR");
    const { id } = ok(await as(admin)(addTarget, { name: `gone-${randomUUID().slice(0, 8)}`, url: "postgres://reader@db.example.test/x" }));
    expect(await as(operator)(removeTarget, { targetId: id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await as(operator)(testTarget, { targetId: id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    ok(await as(admin)(removeTarget, { targetId: id }));
    expect(await testDb().targetDatabase.count({ where: { id } })).toBe(0);
    expect((await eventsOf(admin.id)).at(-1)).toMatchObject({ action: "target.removed", before: { targetId: id } });
    expect(await as(admin)(removeTarget, { targetId: id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
