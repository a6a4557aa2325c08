import { describe, expect, it } from "vitest";
import { turnFlagOff } from "@/lib/flags/commands";
import { startIncident, tickIncidentStep } from "@/lib/incidents/commands";
import { watchFlagSteps } from "@/lib/incidents/watch";
import { recordDecision } from "@/lib/releases/commands/deploy";
import { markRolledBack } from "@/lib/releases/commands/lifecycle";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

// The first ten minutes run live: a Stop (or a manual start) opens an incident with the runbook
// copied, each step is ticked by its assignee only, the flag step ticks itself once the flag
// reads OFF, and Go or an outcome ends it with every time kept.

async function live(status: "IN_PROGRESS" | "STOPPED" = "IN_PROGRESS") {
  const owner = await createUser("VIEWER");
  const r = await fixtureRelease(owner.id, status, { activeStageDone: true });
  const [other, helper] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
  // The database-health role is the helper's: a second assignee ticking their own step.
  await testDb().runbookStep.updateMany({ where: { releaseId: r.id, role: "DATABASE_HEALTH" }, data: { assigneeId: helper.id } });
  const incident = () =>
    testDb().incident.findMany({
      where: { releaseId: r.id },
      select: {
        trigger: true,
        reason: true,
        startedByLabel: true,
        endedAt: true,
        steps: { orderBy: { role: "asc" }, select: { id: true, role: true, assigneeId: true, doneAt: true, doneByLabel: true } },
      },
    });
  const step = async (role: string) => (await incident())[0]!.steps.find((s) => s.role === role)!;
  return { owner, other, helper, r, incident, step };
}

describe("the first ten minutes", () => {
  it("start with a Stop: the runbook is copied and the flip ticks the flag step as Switchback's reading", async () => {
    const { owner, incident, step, r } = await live();
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Error rate 3 %" }));
    const [only] = await incident();
    expect(only).toMatchObject({ trigger: "STOP", reason: "Error rate 3 %", startedByLabel: owner.name, endedAt: null });
    expect(only!.steps).toHaveLength(4);
    expect(await step("DISABLE_FEATURE")).toMatchObject({ doneAt: expect.any(Date), doneByLabel: "Switchback (Built-in reads the flag OFF)" });
    expect((await step("DECISION")).doneAt).toBeNull();
  });

  it("keep one clock per incident, tick the flag step when the flag is turned off later, and end on Go", async () => {
    const { owner, other, incident, step, r } = await live();
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Replica lag", flag: "keep" }));
    expect((await step("DISABLE_FEATURE")).doneAt).toBeNull();
    ok(await as(other)(turnFlagOff, { releaseId: r.id, expected: true }));
    expect((await step("DISABLE_FEATURE")).doneByLabel).toMatch(/reads the flag OFF/);
    expect(await as(other)(startIncident, { releaseId: r.id, reason: "again" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining(owner.name) },
    });

    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "GO", reason: "Lag recovered" }));
    const [ended] = await incident();
    expect(ended!.endedAt).toBeInstanceOf(Date);
    const last = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: r.id, action: "incident.ended" }, select: { after: true } });
    expect(last.after).toMatchObject({ why: "Go", stepsDone: 1, steps: 4 });
    expect(await as(owner)(tickIncidentStep, { releaseId: r.id, stepId: (await step("DECISION")).id, done: true })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });
  });

  it("let each assignee tick only their own steps, and untick only their own ticks", async () => {
    const { owner, other, helper, step, r } = await live();
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Errors" }));
    const database = await step("DATABASE_HEALTH");
    expect(await as(other)(tickIncidentStep, { releaseId: r.id, stepId: database.id, done: true })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: `Only ${helper.name} ticks this step: it is their part of the runbook.` },
    });
    ok(await as(helper)(tickIncidentStep, { releaseId: r.id, stepId: database.id, done: true }));
    ok(await as(owner)(tickIncidentStep, { releaseId: r.id, stepId: (await step("DECISION")).id, done: true }));
    expect(await step("DATABASE_HEALTH")).toMatchObject({ doneAt: expect.any(Date), doneByLabel: helper.name });
    expect(await as(helper)(tickIncidentStep, { releaseId: r.id, stepId: database.id, done: true })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining(`Already ticked by ${helper.name}`) },
    });
    // Switchback's own reading stays: nobody unticks a flag it read OFF.
    expect(await as(owner)(tickIncidentStep, { releaseId: r.id, stepId: (await step("DISABLE_FEATURE")).id, done: false })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    ok(await as(helper)(tickIncidentStep, { releaseId: r.id, stepId: database.id, done: false }));
    expect((await step("DATABASE_HEALTH")).doneAt).toBeNull();

    const ticks = await testDb().auditEvent.findMany({
      where: { releaseId: r.id, action: { in: ["incident.step_ticked", "incident.step_unticked"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(ticks.map((t) => `${t.action} ${t.actorLabel}`)).toEqual([
      "incident.step_ticked Switchback (Built-in reads the flag OFF)",
      `incident.step_ticked ${helper.name}`,
      `incident.step_ticked ${owner.name}`,
      `incident.step_unticked ${helper.name}`,
    ]);
    ok(await as(owner)(markRolledBack, { releaseId: r.id, reason: "Flag off held; backfill reverted" }));
    expect(await testDb().auditEvent.findFirst({ where: { releaseId: r.id, action: "incident.ended" }, select: { after: true } })).toMatchObject({
      after: { why: "Marked rolled back" },
    });
  });

  it("start by hand only while the release deploys, with the flag step ticked at once when it already reads OFF", async () => {
    const { other, step, r } = await live("STOPPED");
    await testDb().flag.update({ where: { key_environment: { key: r.flagKey, environment: "production" } }, data: { enabled: false } });
    expect(await as(other)(startIncident, { releaseId: r.id, reason: "" })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { reason: expect.any(Array) } },
    });
    ok(await as(other)(startIncident, { releaseId: r.id, reason: "Checkout errors in the new path" }));
    expect((await step("DISABLE_FEATURE")).doneAt).toBeInstanceOf(Date);

    const draft = await fixtureRelease(other.id, "READY");
    expect(await as(other)(startIncident, { releaseId: draft.id, reason: "x" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining("not deploying") },
    });
  });

  it("tick the flag step when the flag goes off outside Switchback (the leader's watch)", async () => {
    const { owner, step, r } = await live();
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Errors", flag: "keep" }));
    await watchFlagSteps(testDb());
    expect((await step("DISABLE_FEATURE")).doneAt).toBeNull();
    await testDb().flag.update({ where: { key_environment: { key: r.flagKey, environment: "production" } }, data: { enabled: false } });
    expect(await watchFlagSteps(testDb())).toBeGreaterThanOrEqual(1);
    expect((await step("DISABLE_FEATURE")).doneByLabel).toMatch(/reads the flag OFF/);
  });
});
