import { describe, expect, it } from "vitest";
import { addChecklistItem, tickChecklistItem } from "@/lib/releases/commands/checklist";
import { createRelease } from "@/lib/releases/commands/create-release";
import { saveCriterion } from "@/lib/releases/commands/criteria";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { updateStage } from "@/lib/releases/commands/stage";
import { details, newRelease } from "@/lib/releases/plan-test-support";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { criterionInput } from "@/lib/testing/release-fixtures";

describe("creating a plan", () => {
  it("starts from the template with three stages, default checklists and the four runbook roles", async () => {
    const { release } = await newRelease();
    expect(release.status).toBe("DRAFT");
    expect(release.stages.map((s) => s.kind)).toEqual(["EXPAND", "MIGRATE", "CONTRACT"]);
    expect(release.stages[0]!.checklistItems.map((i) => i.text)).toContain("Indexes are created CONCURRENTLY");
    const roles = await testDb().runbookStep.findMany({ where: { releaseId: release.id }, select: { role: true } });
    expect(new Set(roles.map((r) => r.role)).size).toBe(4);
    expect(await testDb().auditEvent.count({ where: { releaseId: release.id, action: "release.created" } })).toBe(1);
  });

  it("copies an earlier plan's stages, SQL, checklists, runbook and criteria, but not its history", async () => {
    const { operator, release } = await newRelease("Original");
    const expand = release.stages[0]!;
    ok(
      await as(operator)(updateStage, {
        releaseId: release.id,
        stageId: expand.id,
        expectedVersion: release.version,
        ownerId: operator.id,
        sql: "SELECT 1;",
        rollbackNote: "Nothing to undo.",
        exitCriteria: "",
      }),
    );
    ok(await as(operator)(tickChecklistItem, { releaseId: release.id, itemId: expand.checklistItems[0]!.id, done: true }));
    ok(await as(operator)(saveCriterion, criterionInput(release.id)));

    const { id } = ok(await as(operator)(createRelease, { title: "Copy", from: release.id }));
    const copy = await testDb().release.findUniqueOrThrow({
      where: { id },
      select: {
        clonedFromId: true,
        status: true,
        stages: { where: { kind: "EXPAND" }, select: { sql: true, ownerId: true, rollbackNote: true, checklistItems: { select: { done: true } } } },
        criteria: { select: { stopThreshold: true, signal: { select: { key: true } } } },
      },
    });
    expect(copy.clonedFromId).toBe(release.id);
    expect(copy.status).toBe("DRAFT");
    expect(copy.stages[0]).toMatchObject({ sql: "SELECT 1;", ownerId: operator.id, rollbackNote: "Nothing to undo." });
    expect(copy.stages[0]!.checklistItems.every((i) => !i.done)).toBe(true);
    expect(copy.criteria).toEqual([{ stopThreshold: 2, signal: { key: "error_rate" } }]);
  });

  it("is refused to a viewer", async () => {
    const viewer = await createUser("VIEWER");
    expect(await as(viewer)(createRelease, { title: "Nope" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});

describe("plan edits", () => {
  it("record who ticked an item and when", async () => {
    const { operator, release } = await newRelease();
    const item = release.stages[1]!.checklistItems[0]!;
    const result = ok(await as(operator)(tickChecklistItem, { releaseId: release.id, itemId: item.id, done: true }));
    const stored = await testDb().checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored).toMatchObject({ done: true, doneById: operator.id });
    expect(stored.doneAt?.getTime()).toBe(result.doneAt?.getTime());
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: release.id, action: "checklist.item_ticked" } });
    expect(event.actorId).toBe(operator.id);
  });

  it("audit only what changed, before and after", async () => {
    const { operator, release } = await newRelease();
    ok(await as(operator)(updateReleaseDetails, details(release.id, release.version, { service: "billing-api" })));
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: release.id, action: "release.updated" } });
    expect(event.before).toMatchObject({ service: "" });
    expect(event.after).toMatchObject({ service: "billing-api" });
    expect(event.after).not.toHaveProperty("title");
  });

  it("refuses the same person as decision owner and backup with a field error", async () => {
    const { operator, release } = await newRelease();
    const result = await as(operator)(updateReleaseDetails, details(release.id, release.version, { decisionOwnerId: operator.id, backupOwnerId: operator.id }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { backupOwnerId: ["The backup must be a different person from the decision owner"] } },
    });
  });

  it("create the built-in kill switch when the flag is configured", async () => {
    const { operator, release } = await newRelease();
    const key = `flag-${release.id.slice(0, 8)}`;
    ok(await as(operator)(updateReleaseDetails, details(release.id, release.version, { flagKey: key })));
    expect(await testDb().flag.findUnique({ where: { key_environment: { key, environment: "production" } }, select: { enabled: true } })).toEqual({
      enabled: false,
    });
  });

  it("return a READY release to DRAFT, audited", async () => {
    const { operator, release } = await newRelease();
    await testDb().release.update({ where: { id: release.id }, data: { status: "READY" } });
    ok(await as(operator)(updateReleaseDetails, details(release.id, release.version, { summary: "Changed after ready", service: "", flagKey: "" })));
    expect((await testDb().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("DRAFT");
    const events = await testDb().auditEvent.findMany({
      where: { releaseId: release.id, action: { not: "release.created" } },
      select: { action: true, before: true, after: true },
    });
    expect(events).toEqual([
      {
        action: "release.updated",
        before: { summary: "", status: "READY" },
        after: { summary: "Changed after ready", status: "DRAFT", statusReason: "The plan changed after it was marked ready." },
      },
    ]);
  });

  it("are refused once the release is finished", async () => {
    const { operator, release } = await newRelease();
    await testDb().release.update({ where: { id: release.id }, data: { status: "COMPLETED" } });
    const result = await as(operator)(addChecklistItem, { releaseId: release.id, stageId: release.stages[0]!.id, text: "Too late" });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "This release is completed; its plan can no longer change." } });
  });
});
