import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { turnFlagOff, turnFlagOn } from "@/lib/flags/commands";
import { as, ok } from "@/lib/testing/actions";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { LOCK } from "@/lib/db/locks";
import { performFlip } from "@/lib/flags/flip";
import { createUser, testDb, withClient } from "@/lib/testing/db";

async function releaseWithFlag(provider: "BUILTIN" | "UNLEASH" = "BUILTIN") {
  const [owner, backup, operator, viewer, admin] = [
    await createUser("OPERATOR"),
    await createUser("OPERATOR"),
    await createUser("OPERATOR"),
    await createUser("VIEWER"),
    await createUser("ADMIN"),
  ];
  const key = `kill-${randomUUID().slice(0, 8)}`;
  const release = await testDb().release.create({
    data: {
      title: "Flip me",
      status: "IN_PROGRESS",
      flagProvider: provider,
      flagKey: key,
      flagEnvironment: "production",
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
    },
    select: { id: true },
  });
  if (provider === "BUILTIN") await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
  return { id: release.id, key, owner, backup, operator, viewer, admin };
}

const flagOf = (key: string) => testDb().flag.findFirstOrThrow({ where: { key }, select: { enabled: true, version: true } });
const events = (releaseId: string, action: string) =>
  testDb().auditEvent.findMany({ where: { releaseId, action }, select: { actorId: true, before: true, after: true } });

describe("the built-in kill switch", () => {
  it("is turned off by an operator and on again by the decision owner, each flip audited with its snapshot", async () => {
    const r = await releaseWithFlag();
    expect(ok(await as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true }))).toEqual({ enabled: false });
    expect(await flagOf(r.key)).toEqual({ enabled: false, version: 2 });
    expect(ok(await as(r.owner)(turnFlagOn, { releaseId: r.id, expected: false }))).toEqual({ enabled: true });
    const flips = await events(r.id, "flag.changed");
    expect(flips.map((f) => [f.actorId, (f.before as { enabled: boolean }).enabled, (f.after as { enabled: boolean }).enabled])).toEqual([
      [r.operator.id, true, false],
      [r.owner.id, false, true],
    ]);
    expect(flips[0]!.after).toMatchObject({ provider: "BUILTIN", key: r.key, environment: "production", snapshot: { recommendation: { verdict: "HOLD" } } });
  });

  it("cannot be turned on by an operator or turned off by a viewer, even by a forged call", async () => {
    const r = await releaseWithFlag();
    expect(await as(r.viewer)(turnFlagOff, { releaseId: r.id, expected: true })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    ok(await as(r.admin)(turnFlagOff, { releaseId: r.id, expected: true }));
    expect(await as(r.operator)(turnFlagOn, { releaseId: r.id, expected: false })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await flagOf(r.key)).enabled).toBe(false);
  });

  it("keeps the reason given with a flip, refuses one over 500 characters, and stores none for blank words", async () => {
    const r = await releaseWithFlag();
    const tooLong = await as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true, reason: "x".repeat(501) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { reason: expect.anything() } } });
    ok(await as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true, reason: "  Checkout errors on the new path  " }));
    ok(await as(r.owner)(turnFlagOn, { releaseId: r.id, expected: false, reason: "   " }));
    const [off, on] = await events(r.id, "flag.changed");
    expect(off!.after).toMatchObject({ enabled: false, reason: "Checkout errors on the new path" });
    expect(on!.after).not.toHaveProperty("reason");
  });

  it("tells the second of two people who already flipped it, and changes nothing twice", async () => {
    const r = await releaseWithFlag();
    ok(await as(r.owner)(turnFlagOff, { releaseId: r.id, expected: true }));
    const late = await as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true });
    expect(late).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(late.ok === false && late.error.message).toMatch(
      new RegExp(`^The flag is already off: ${r.owner.name} turned it off at .* UTC\\. Nothing was changed\\.$`),
    );
    expect(await events(r.id, "flag.changed")).toHaveLength(1);
  });

  it("applies exactly one of twenty simultaneous flips from the same state", async () => {
    const r = await releaseWithFlag();
    const people = await Promise.all(Array.from({ length: 20 }, () => createUser("OPERATOR")));
    const results = await Promise.all(people.map((person) => as(person)(turnFlagOff, { releaseId: r.id, expected: true })));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).every((result) => !result.ok && result.error.code === "CONFLICT")).toBe(true);
    expect(await flagOf(r.key)).toEqual({ enabled: false, version: 2 });
    expect(await events(r.id, "flag.changed")).toHaveLength(1);
    // One flip, so the flag watcher waits on one convergence (lib/flags/convergence/settle.ts).
    expect(await testDb().flagConvergence.findMany({ where: { releaseId: r.id }, select: { enabled: true, version: true } })).toEqual([
      { enabled: false, version: 2 },
    ]);
  });
  // The house lock order (lib/flags/flip.ts): a Stop appends its decision, holding the chain's
  // head, and then flips; a flip that held the flag's lock while it waited for the head would
  // deadlock with it.
  it("waits for the audit chain's head before it takes the flag's lock", async () => {
    const r = await releaseWithFlag();
    await withClient(inject("ownerDatabaseUrl"), async (holder) => {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE");
      const flipping = as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true });
      const count = async (where: string) => (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE ${where}`)).rows[0].n as number;
      try {
        await expect.poll(() => count("NOT granted")).toBeGreaterThan(0);
        expect(await count(`locktype = 'advisory' AND classid = ${LOCK.flagFlip}`)).toBe(0);
      } finally {
        await holder.query("ROLLBACK");
      }
      expect(ok(await flipping)).toEqual({ enabled: false });
    });
  });
});

describe("the signal snapshot a flip records", () => {
  // A person's flip reads it on another connection beside the transaction (lib/flags/commands.ts).
  it("is read in the flip's own transaction when the read beside it failed: the flip and its audit event still commit", async () => {
    const r = await releaseWithFlag();
    const actor: Actor = { type: "SYSTEM", label: "test" };
    // Handled where it is made, as lib/flags/commands.ts does; awaiting it still rejects.
    const busy = Promise.reject(new Error("the pool was busy"));
    busy.catch(() => undefined);
    const outcome = await testDb().$transaction((tx) =>
      performFlip(tx, {
        releaseId: r.id,
        expected: true,
        next: false,
        actor,
        audit: async (event) => void (await appendAudit(tx, { ...event, actor })),
        snapshot: busy,
      }),
    );
    expect(outcome.kind).toBe("applied");
    expect((await flagOf(r.key)).enabled).toBe(false);
    const [flip] = await events(r.id, "flag.changed");
    expect(flip!.after).toMatchObject({ enabled: false, snapshot: { recommendation: { verdict: "HOLD" } } });
  });
});

describe("a provider that cannot answer", () => {
  it("leaves the flag as it was, says so plainly, and records the failed attempt", async () => {
    const r = await releaseWithFlag("UNLEASH");
    const result = await as(r.operator)(turnFlagOff, { releaseId: r.id, expected: true });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "PROVIDER_UNAVAILABLE", message: expect.stringMatching(/Unleash is not configured on this server.*The flag was not changed\.$/) },
    });
    const failed = await events(r.id, "flag.flip_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actorId: r.operator.id, after: { enabled: false, error: expect.stringContaining("not configured") } });
    expect(await events(r.id, "flag.changed")).toHaveLength(0);
  });
});
