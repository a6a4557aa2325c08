import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import type { Tx } from "@/lib/db";
import { NO_FLAG, pauseBackfill, resumeBackfill } from "@/lib/flags/backfill/commands";
import { readBackfillSwitch, setBackfillPaused } from "@/lib/flags/backfill/switch";
import { createRelease } from "@/lib/releases/commands/create-release";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { details, newRelease } from "@/lib/releases/plan-test-support";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

// The stage owner and the deciders are viewers by global role: what they may do comes from the release.
async function releaseWithFlag(flagKey: string | null = `orders-${randomUUID().slice(0, 8)}`) {
  const [owner, backup, stageOwner, operator, viewer, admin] = await Promise.all([
    createUser("VIEWER"),
    createUser("VIEWER"),
    createUser("VIEWER"),
    createUser("OPERATOR"),
    createUser("VIEWER"),
    createUser("ADMIN"),
  ]);
  const release = await testDb().release.create({
    data: {
      title: "Backfill orders.total_cents",
      status: "IN_PROGRESS",
      flagProvider: "UNLEASH",
      flagKey: flagKey ?? "",
      flagEnvironment: "production",
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
      stages: { create: [{ kind: "MIGRATE", position: 0, ownerId: stageOwner.id }] },
    },
    select: { id: true },
  });
  return { id: release.id, key: `${flagKey}.backfill-paused`, owner, backup, stageOwner, operator, viewer, admin };
}

// Switchback's own pauses (lib/flags/auto-stop.ts) write their events with appendAudit in their transaction.
const actor = { type: "SYSTEM", label: "Switchback auto-pause" } as const;
const auditAs = (tx: Tx) => async (event: Omit<AuditInput, "actor">) => {
  await appendAudit(tx, { ...event, actor });
};

const switchRow = (key: string) => testDb().flag.findFirst({ where: { key }, select: { enabled: true, version: true, updatedById: true } });
const events = (releaseId: string) =>
  testDb().auditEvent.findMany({
    where: { releaseId, action: { startsWith: "backfill." } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, before: true, after: true },
  });

describe("pausing and resuming the backfill", () => {
  it("is paused by an operator with a reason and resumed by the decision owner, each audited with the switch's new version", async () => {
    const r = await releaseWithFlag();
    expect(ok(await as(r.operator)(pauseBackfill, { releaseId: r.id, reason: "  Replica lag climbing  " }))).toEqual({ paused: true, key: r.key, version: 2 });
    expect(await switchRow(r.key)).toEqual({ enabled: true, version: 2, updatedById: r.operator.id });
    expect(ok(await as(r.owner)(resumeBackfill, { releaseId: r.id }))).toEqual({ paused: false, key: r.key, version: 3 });
    expect(await switchRow(r.key)).toMatchObject({ enabled: false, version: 3 });
    expect(await events(r.id)).toEqual([
      {
        action: "backfill.paused",
        actorId: r.operator.id,
        before: { key: r.key, environment: "production", paused: false },
        after: { key: r.key, environment: "production", paused: true, version: 2, reason: "Replica lag climbing" },
      },
      {
        action: "backfill.resumed",
        actorId: r.owner.id,
        before: { key: r.key, environment: "production", paused: true },
        after: { key: r.key, environment: "production", paused: false, version: 3, reason: null },
      },
    ]);
  });

  it("lets whoever may turn the flag off pause, and only the deciders or an admin resume", async () => {
    const r = await releaseWithFlag();
    const attempt = async (user: typeof r.viewer, paused: boolean) => {
      // Put the switch in the other state first, so an allowed role really changes it.
      await testDb().flag.update({ where: { key_environment: { key: r.key, environment: "production" } }, data: { enabled: !paused } });
      const result = await as(user)(paused ? pauseBackfill : resumeBackfill, { releaseId: r.id });
      return result.ok ? "ok" : result.error.code;
    };
    ok(await as(r.admin)(pauseBackfill, { releaseId: r.id }));
    const people = [r.viewer, r.operator, r.stageOwner, r.owner, r.backup, r.admin];
    const pause: string[] = [];
    const resume: string[] = [];
    for (const user of people) pause.push(await attempt(user, true));
    for (const user of people) resume.push(await attempt(user, false));
    expect(pause).toEqual(["FORBIDDEN", "ok", "ok", "ok", "ok", "ok"]);
    expect(resume).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", "ok"]);
  });

  it("tells the second person who paused it and when, and records nothing twice", async () => {
    const r = await releaseWithFlag();
    ok(await as(r.stageOwner)(pauseBackfill, { releaseId: r.id, reason: "Lock waits" }));
    const late = await as(r.operator)(pauseBackfill, { releaseId: r.id });
    expect(late).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(late.ok === false && late.error.message).toMatch(
      new RegExp(
        `^The backfill is already paused: ${r.stageOwner.name} paused it at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(Lock waits\\)\\. Nothing was changed\\.$`,
      ),
    );
    expect(await events(r.id)).toHaveLength(1);
    expect((await switchRow(r.key))!.version).toBe(2);
  });

  it("names Switchback auto-pause and its sentence when the backfill was paused automatically", async () => {
    const r = await releaseWithFlag();
    const reason = "Replica lag 14 s > 10 s for 3 checks → backfill paused";
    await testDb().$transaction((tx) =>
      setBackfillPaused(tx, {
        releaseId: r.id,
        paused: true,
        actor,
        reason,
        auto: { criterionId: randomUUID() },
        audit: auditAs(tx),
      }),
    );
    const late = await as(r.operator)(pauseBackfill, { releaseId: r.id });
    expect(late.ok === false && late.error.message).toMatch(
      /^The backfill is already paused: Switchback auto-pause paused it at .* UTC \(Replica lag 14 s > 10 s/,
    );
  });

  it("refuses to resume a backfill that is running, and makes no switch row doing so", async () => {
    const r = await releaseWithFlag();
    const result = await as(r.owner)(resumeBackfill, { releaseId: r.id });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/^The backfill is already running/) } });
    expect(await switchRow(r.key)).toBeNull();
    expect(await events(r.id)).toEqual([]);
  });

  it("applies exactly one of several simultaneous pauses, a person's and Switchback's, without a deadlock", async () => {
    const r = await releaseWithFlag();
    // An automatic action appends its own event first, then pauses: the lock order the person's pause must share.
    const auto = () =>
      testDb().$transaction(async (tx) => {
        await appendAudit(tx, { actor, action: "criterion.breached", releaseId: r.id, after: { note: "test" } });
        return setBackfillPaused(tx, { releaseId: r.id, paused: true, actor, audit: auditAs(tx) });
      });
    const people = [r.operator, r.owner, r.backup, r.stageOwner, r.admin];
    const [byPeople, bySwitchback] = await Promise.all([
      Promise.all(people.map((u) => as(u)(pauseBackfill, { releaseId: r.id }))),
      Promise.all([auto(), auto()]),
    ]);
    const applied = byPeople.filter((x) => x.ok).length + bySwitchback.filter((x) => x.kind === "applied").length;
    expect(applied).toBe(1);
    expect(byPeople.filter((x) => !x.ok && x.error.code !== "CONFLICT")).toEqual([]);
    expect(await events(r.id)).toHaveLength(1);
  });

  it("commits the switch and its audit event together or not at all", async () => {
    const r = await releaseWithFlag();
    const failing = testDb().$transaction((tx) =>
      setBackfillPaused(tx, {
        releaseId: r.id,
        paused: true,
        actor,
        audit: async (e) => {
          await appendAudit(tx, { ...e, actor });
          throw new Error("the audit write failed");
        },
      }),
    );
    await expect(failing).rejects.toThrow("the audit write failed");
    expect(await switchRow(r.key)).toBeNull();
    expect(await events(r.id)).toEqual([]);
  });

  it("says a release without a flag has no backfill switch", async () => {
    const r = await releaseWithFlag(null);
    expect(await as(r.operator)(pauseBackfill, { releaseId: r.id })).toEqual({ ok: false, error: { code: "NOT_FOUND", message: NO_FLAG } });
    expect(await events(r.id)).toEqual([]);
  });

  it("refuses a reason over 500 characters", async () => {
    const r = await releaseWithFlag();
    const result = await as(r.operator)(pauseBackfill, { releaseId: r.id, reason: "x".repeat(501) });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { reason: ["Keep the reason under 500 characters"] } } });
  });
});

describe("the backfill switch of a release's flag", () => {
  it("is made, running, when the plan names a flag, for Unleash as for the built-in provider", async () => {
    for (const flagProvider of ["UNLEASH", "BUILTIN"]) {
      const { operator, release } = await newRelease();
      const flagKey = `reads-${randomUUID().slice(0, 8)}`;
      ok(await as(operator)(updateReleaseDetails, details(release.id, release.version, { flagProvider, flagKey })));
      expect(await switchRow(`${flagKey}.backfill-paused`)).toEqual({ enabled: false, version: 1, updatedById: null });
      expect(await readBackfillSwitch(testDb(), release.id)).toMatchObject({ key: `${flagKey}.backfill-paused`, environment: "production", paused: false });
    }
  });

  it("refuses a flag key that names a backfill switch", async () => {
    const { operator, release } = await newRelease();
    const result = await as(operator)(updateReleaseDetails, details(release.id, release.version, { flagKey: "orders.backfill-paused" }));
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { flagKey: [expect.stringContaining("backfill switch")] } } });
  });

  it("does not come with a copy: a copied plan names no flag until one is saved, so a paused backfill stays with the original", async () => {
    const r = await releaseWithFlag();
    ok(await as(r.operator)(pauseBackfill, { releaseId: r.id }));
    const { id } = ok(await as(r.operator)(createRelease, { title: "Backfill orders again", from: r.id }));
    expect(await readBackfillSwitch(testDb(), id)).toBeNull();
    expect(await as(r.operator)(pauseBackfill, { releaseId: id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: NO_FLAG } });
  });
});
