import { describe, expect, it } from "vitest";
import { addChecklistItem, editChecklistItem, tickChecklistItem } from "@/lib/releases/commands/checklist";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { assignRunbookRole } from "@/lib/releases/commands/runbook";
import { details, newRelease } from "@/lib/releases/plan-test-support";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

describe("two people editing one release", () => {
  it("tells the second saver plainly and keeps the first saver's change", async () => {
    const { operator: first, release } = await newRelease();
    const second = await createUser("OPERATOR");
    const loadedAt = release.version;

    ok(await as(first)(updateReleaseDetails, details(release.id, loadedAt, { service: "billing-api" })));
    const conflict = await as(second)(updateReleaseDetails, details(release.id, loadedAt, { service: "accounts-api" }));

    expect(conflict).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(conflict.ok === false && conflict.error.message).toMatch(
      new RegExp(`^${first.name} changed this release at .* UTC, after you opened it\\. Your edit was not saved`),
    );
    const stored = await testDb().release.findUniqueOrThrow({ where: { id: release.id }, select: { service: true } });
    expect(stored.service).toBe("billing-api");
  });

  it("does not let one person's ticks and additions invalidate another's open form", async () => {
    const { operator, release } = await newRelease();
    const other = await createUser("OPERATOR");
    ok(await as(other)(addChecklistItem, { releaseId: release.id, stageId: release.stages[0]!.id, text: "Disk space checked" }));
    ok(await as(other)(tickChecklistItem, { releaseId: release.id, itemId: release.stages[0]!.checklistItems[0]!.id, done: true }));
    expect(await as(operator)(updateReleaseDetails, details(release.id, release.version))).toMatchObject({ ok: true });
  });

  it("refuses an item edit made from a stale copy of its text", async () => {
    const { operator, release } = await newRelease();
    const item = release.stages[0]!.checklistItems[0]!;
    ok(await as(operator)(editChecklistItem, { releaseId: release.id, itemId: item.id, text: "First wording", expectedText: item.text }));
    const late = await as(await createUser("ADMIN"))(editChecklistItem, {
      releaseId: release.id,
      itemId: item.id,
      text: "Second wording",
      expectedText: item.text,
    });
    expect(late).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect((await testDb().checklistItem.findUniqueOrThrow({ where: { id: item.id } })).text).toBe("First wording");
  });

  it("refuses a runbook assignment made from a stale view", async () => {
    const { operator, release } = await newRelease();
    const [a, b] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
    ok(await as(operator)(assignRunbookRole, { releaseId: release.id, role: "DECISION", assigneeId: a.id, expectedAssigneeId: null }));
    expect(await as(operator)(assignRunbookRole, { releaseId: release.id, role: "DECISION", assigneeId: b.id, expectedAssigneeId: null })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });
  });
});
