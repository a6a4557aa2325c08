import { describe, expect, it } from "vitest";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { updateStage } from "@/lib/releases/commands/stage";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { detailsInput, fixtureRelease } from "@/lib/testing/release-fixtures";

// Once the deploy has started, what the schema check and the Contract proof judge by stays put: a
// plan editor cannot make a failing check or proof pass by editing the plan (shortening the
// business cycle, rewriting the SQL of a stage that has started); the decision owner's override,
// with its reason, is the one way past them.

const fresh = (id: string) => testDb().release.findUniqueOrThrow({ where: { id }, select: { id: true, version: true, title: true, flagKey: true } });

async function deploying() {
  const owner = await createUser("OPERATOR");
  const editor = await createUser("OPERATOR");
  const release = await fixtureRelease(owner.id, "IN_PROGRESS");
  await testDb().stage.updateMany({ where: { releaseId: release.id }, data: { sql: "ALTER TABLE users ADD COLUMN first_name text;" } });
  return { owner, editor, release };
}

const stageEdit = (release: { id: string }, version: number, stage: { id: string; ownerId: string }, sql: string) => ({
  releaseId: release.id,
  stageId: stage.id,
  expectedVersion: version,
  ownerId: stage.ownerId,
  sql,
  rollbackNote: "Drop the new column.",
  exitCriteria: "",
});

describe("the evidence a started deploy is judged by", () => {
  it("keeps the business cycle as it was when the deploy started", async () => {
    const { owner, editor, release } = await deploying();
    const result = await as(editor)(
      updateReleaseDetails,
      detailsInput(await fresh(release.id), { decisionOwnerId: owner.id, backupOwnerId: release.backupId, businessCycleDays: 0 }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", fieldErrors: { businessCycleDays: [expect.stringContaining("fixed once the deploy has started")] } },
    });
    expect((await testDb().release.findUniqueOrThrow({ where: { id: release.id }, select: { businessCycleDays: true } })).businessCycleDays).toBe(7);
  });

  it("keeps the SQL of a stage that has started, while a pending stage's SQL and the started stage's notes still change", async () => {
    const { owner, editor, release } = await deploying();
    const [expand, migrate] = await testDb().stage.findMany({ where: { releaseId: release.id }, orderBy: { position: "asc" }, select: { id: true } });
    const started = { id: expand!.id, ownerId: owner.id };
    const refused = await as(editor)(updateStage, stageEdit(release, (await fresh(release.id)).version, started, "SELECT 1;"));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", fieldErrors: { sql: [expect.stringContaining("SQL of a stage that has started is fixed")] } },
    });
    const stored = await testDb().stage.findUniqueOrThrow({ where: { id: expand!.id }, select: { sql: true } });
    expect(stored.sql).toBe("ALTER TABLE users ADD COLUMN first_name text;");

    ok(await as(editor)(updateStage, stageEdit(release, (await fresh(release.id)).version, started, stored.sql)));
    ok(
      await as(editor)(
        updateStage,
        stageEdit(release, (await fresh(release.id)).version, { id: migrate!.id, ownerId: owner.id }, "UPDATE users SET first_name = 'x';"),
      ),
    );
    expect((await testDb().stage.findUniqueOrThrow({ where: { id: migrate!.id }, select: { sql: true } })).sql).toBe("UPDATE users SET first_name = 'x';");
  });
});
