import { describe, expect, it } from "vitest";
import { webhookPayload } from "@/lib/notify/webhooks";
import { completeStage, recordDecision } from "@/lib/releases/commands/deploy";
import { abandonRelease, markRolledBack } from "@/lib/releases/commands/lifecycle";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

// A Stop that acts: the release goes to STOPPED, the kill switch goes off (unless kept), no stage
// completes until Go resumes it, and an outcome (rolled back, abandoned) ends it.

async function live() {
  const owner = await createUser("VIEWER");
  const r = await fixtureRelease(owner.id, "IN_PROGRESS", { activeStageDone: true });
  const state = async () => {
    const release = await testDb().release.findUniqueOrThrow({ where: { id: r.id }, select: { status: true } });
    const flag = await testDb().flag.findUniqueOrThrow({
      where: { key_environment: { key: r.flagKey, environment: "production" } },
      select: { enabled: true },
    });
    return { status: release.status, flagOn: flag.enabled };
  };
  return { owner, r, state };
}

describe("Stop", () => {
  it("stops the release and turns the flag off in one go, each audited", async () => {
    const { owner, r, state } = await live();
    expect(ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Error rate 3 %" }))).toMatchObject({
      status: "STOPPED",
      flag: "the flag was turned off",
    });
    expect(await state()).toEqual({ status: "STOPPED", flagOn: false });
    const events = await testDb().auditEvent.findMany({ where: { releaseId: r.id }, orderBy: { id: "asc" }, select: { action: true, after: true } });
    // The Stop also starts the first ten minutes, whose flag step the flip ticks (lib/incidents).
    expect(events.map((e) => e.action)).toEqual(["decision.recorded", "incident.started", "flag.changed", "incident.step_ticked"]);
    expect(events[0]!.after).toMatchObject({ verdict: "STOP", status: "STOPPED", flag: "off" });
    expect(events[2]!.after).toMatchObject({ enabled: false, reason: "Stop: Error rate 3 %" });
  });

  it("can keep the flag, and still refuses stage completion until Go resumes the deploy", async () => {
    const { owner, r, state } = await live();
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Replica lag", flag: "keep" }));
    expect(await state()).toEqual({ status: "STOPPED", flagOn: true });
    expect(await as(owner)(completeStage, { releaseId: r.id, stageId: r.stages[0]!.id })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining("stopped") },
    });
    expect(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "again" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    expect(ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "GO", reason: "Lag recovered" }))).toMatchObject({ status: "IN_PROGRESS" });
    expect(ok(await as(owner)(completeStage, { releaseId: r.id, stageId: r.stages[0]!.id }))).toMatchObject({ next: "MIGRATE" });
  });

  it("ends in an outcome recorded by the decision owner or an admin, with a reason", async () => {
    const { owner, r, state } = await live();
    const operator = await createUser("OPERATOR");
    ok(await as(owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Corrupt rows" }));
    expect(await as(operator)(markRolledBack, { releaseId: r.id, reason: "x" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await as(owner)(markRolledBack, { releaseId: r.id, reason: " " })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { reason: expect.any(Array) } },
    });
    ok(await as(owner)(markRolledBack, { releaseId: r.id, reason: "Restored from the flag; backfill reverted" }));
    expect((await state()).status).toBe("ROLLED_BACK");
    expect(await as(await createUser("ADMIN"))(abandonRelease, { releaseId: r.id, reason: "x" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });
});

describe("webhook messages", () => {
  it("link to the release's cockpit when PUBLIC_URL is set", () => {
    const event = {
      type: "decision" as const,
      releaseId: "7b1d2c4e-0000-4000-8000-000000000001",
      releaseTitle: "Split names",
      text: "Lena stopped “Split names”",
      data: {},
    };
    const payload = webhookPayload(event, new Date(), "https://switchback.example.com/");
    expect(payload.switchback.url).toBe("https://switchback.example.com/releases/7b1d2c4e-0000-4000-8000-000000000001/cockpit");
    expect(payload.text).toContain("<https://switchback.example.com/releases/7b1d2c4e-0000-4000-8000-000000000001/cockpit|Open the cockpit>");
    expect(webhookPayload(event, new Date(), undefined).switchback.url).toBeNull();
  });
});
