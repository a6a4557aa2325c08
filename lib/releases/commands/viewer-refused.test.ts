import { describe, expect, it } from "vitest";
import * as checklist from "@/lib/releases/commands/checklist";
import { createRelease } from "@/lib/releases/commands/create-release";
import * as criteria from "@/lib/releases/commands/criteria";
import * as lifecycle from "@/lib/releases/commands/lifecycle";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import * as runbook from "@/lib/releases/commands/runbook";
import { updateStage } from "@/lib/releases/commands/stage";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { criterionInput } from "@/lib/testing/release-fixtures";

// A viewer sees the plan read-only; the server refuses every change even when the request is
// forged (the UI shows no controls, so a viewer can only get here by crafting the call).

describe("a viewer's forged plan changes", async () => {
  const operator = await createUser("OPERATOR");
  const { id: releaseId } = ok(await as(operator)(createRelease, { title: "Viewer cannot touch this" }));
  const release = await testDb().release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      version: true,
      stages: { select: { id: true, checklistItems: { select: { id: true, text: true } } } },
      runbookSteps: { select: { id: true, text: true } },
    },
  });
  const stage = release.stages[0]!;
  const item = stage.checklistItems[0]!;
  const step = release.runbookSteps[0]!;
  const criterion = criterionInput(releaseId);
  const { id: criterionId } = ok(await as(operator)(criteria.saveCriterion, criterion));

  const attempts = [
    [
      "update details",
      updateReleaseDetails,
      {
        releaseId,
        expectedVersion: release.version,
        title: "Hijacked",
        service: "",
        summary: "",
        deployStyle: "ROLLING",
        flagProvider: "BUILTIN",
        flagKey: "",
        flagEnvironment: "production",
        autoStopAfter: 3,
      },
    ],
    [
      "update a stage",
      updateStage,
      { releaseId, stageId: stage.id, expectedVersion: release.version, sql: "DROP TABLE users;", rollbackNote: "", exitCriteria: "" },
    ],
    ["add a checklist item", checklist.addChecklistItem, { releaseId, stageId: stage.id, text: "x" }],
    ["edit a checklist item", checklist.editChecklistItem, { releaseId, itemId: item.id, text: "x", expectedText: item.text }],
    ["remove a checklist item", checklist.removeChecklistItem, { releaseId, itemId: item.id }],
    ["move a checklist item", checklist.moveChecklistItem, { releaseId, itemId: item.id, direction: "down" }],
    ["tick a checklist item", checklist.tickChecklistItem, { releaseId, itemId: item.id, done: true }],
    ["assign a runbook role", runbook.assignRunbookRole, { releaseId, role: "DECISION", assigneeId: operator.id, expectedAssigneeId: null }],
    ["add a runbook step", runbook.addRunbookStep, { releaseId, role: "DECISION", text: "x" }],
    ["edit a runbook step", runbook.editRunbookStep, { releaseId, stepId: step.id, text: "x", expectedText: step.text }],
    ["remove a runbook step", runbook.removeRunbookStep, { releaseId, stepId: step.id }],
    ["save a criterion", criteria.saveCriterion, criterion],
    ["remove a criterion", criteria.removeCriterion, { releaseId, criterionId }],
    ["record a drill", lifecycle.recordDrill, { releaseId, performedOn: "2026-11-01", result: "PASSED", notes: "" }],
    ["mark ready", lifecycle.markReady, { releaseId, overrideReason: "because" }],
    ["return to draft", lifecycle.returnToDraft, { releaseId }],
    ["abandon", lifecycle.abandonRelease, { releaseId, reason: "x" }],
  ] as const;

  it.each(attempts)("refuses: %s", async (_name, config, input) => {
    const viewer = await createUser("VIEWER");
    const eventsBefore = await testDb().auditEvent.count({ where: { releaseId } });
    const result = await as(viewer)(config as Parameters<ReturnType<typeof as>>[0], input);
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: "You do not have permission to do that." } });
    expect(await testDb().auditEvent.count({ where: { releaseId } })).toBe(eventsBefore);
  });

  it.each(attempts)("refuses without a session: %s", async (_name, config, input) => {
    const result = await as(null)(config as Parameters<ReturnType<typeof as>>[0], input);
    expect(result).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("left the plan as it was", async () => {
    const now = await testDb().release.findUniqueOrThrow({ where: { id: releaseId }, select: { title: true, version: true, status: true } });
    expect(now).toEqual({ title: "Viewer cannot touch this", version: release.version, status: "DRAFT" });
    expect(await testDb().checklistItem.count({ where: { id: item.id, done: false, text: item.text } })).toBe(1);
  });
});
