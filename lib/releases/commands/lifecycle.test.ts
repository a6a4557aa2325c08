import { describe, expect, it } from "vitest";
import { assignRunbookRole } from "@/lib/releases/commands/runbook";
import { createRelease } from "@/lib/releases/commands/create-release";
import { saveCriterion } from "@/lib/releases/commands/criteria";
import { markReady, recordDrill, returnToDraft } from "@/lib/releases/commands/lifecycle";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { updateStage } from "@/lib/releases/commands/stage";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { criterionInput } from "@/lib/testing/release-fixtures";

// Readiness is enforced on the server with the real squawk linter and the built-in provider.

async function plannedRelease({ expandSql, criteria = true }: { expandSql: string; criteria?: boolean }) {
  const [owner, backup] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
  const act = as(owner);
  const { id: releaseId } = ok(await act(createRelease, { title: "Ready me" }));
  let { version } = await testDb().release.findUniqueOrThrow({ where: { id: releaseId }, select: { version: true } });
  ({ version } = ok(
    await act(updateReleaseDetails, {
      releaseId,
      expectedVersion: version,
      title: "Ready me",
      service: "api",
      summary: "",
      deployStyle: "ROLLING",
      flagProvider: "BUILTIN",
      flagKey: `ready-${releaseId.slice(0, 8)}`,
      flagEnvironment: "production",
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
      autoStopAfter: 3,
    }),
  ));
  const stages = await testDb().stage.findMany({ where: { releaseId }, orderBy: { position: "asc" }, select: { id: true, kind: true } });
  for (const stage of stages) {
    ({ version } = ok(
      await act(updateStage, {
        releaseId,
        stageId: stage.id,
        expectedVersion: version,
        ownerId: owner.id,
        sql: stage.kind === "EXPAND" ? expandSql : "",
        rollbackNote: "Turn the flag off.",
        exitCriteria: "",
      }),
    ));
  }
  for (const role of ["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"]) {
    ok(await act(assignRunbookRole, { releaseId, role, assigneeId: backup.id, expectedAssigneeId: null }));
  }
  if (criteria) ok(await act(saveCriterion, criterionInput(releaseId)));
  ok(await act(recordDrill, { releaseId, performedOn: "2026-11-01", result: "PASSED", notes: "" }));
  return { releaseId, act };
}

const statusOf = async (id: string) => await testDb().release.findUniqueOrThrow({ where: { id }, select: { status: true, lintOverrideReason: true } });

describe("marking a release ready", () => {
  it("succeeds when every check passes, and can go back to draft", async () => {
    const { releaseId, act } = await plannedRelease({ expandSql: "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;" });
    expect(ok(await act(markReady, { releaseId }))).toEqual({ status: "READY" });
    expect(await statusOf(releaseId)).toEqual({ status: "READY", lintOverrideReason: null });
    expect(ok(await act(returnToDraft, { releaseId }))).toEqual({ status: "DRAFT" });
  });

  it("is refused with the reasons while a check fails", async () => {
    const { releaseId, act } = await plannedRelease({ expandSql: "", criteria: false });
    const result = await act(markReady, { releaseId });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "Not ready yet: No go/stop criterion: nobody would know when to stop." } });
    expect((await statusOf(releaseId)).status).toBe("DRAFT");
  });

  it("needs a written reason to override lint errors, and records it", async () => {
    const { releaseId, act } = await plannedRelease({ expandSql: "SET lock_timeout = '2s';\nCREATE INDEX users_email_idx ON users (email);" });
    const refused = await act(markReady, { releaseId });
    expect(refused).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { overrideReason: [expect.stringMatching(/^1 lint error remain/)] } } });

    ok(await act(markReady, { releaseId, overrideReason: "users has 40 rows; the lock lasts milliseconds." }));
    expect(await statusOf(releaseId)).toEqual({ status: "READY", lintOverrideReason: "users has 40 rows; the lock lasts milliseconds." });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId, action: "release.status_changed" }, orderBy: { id: "desc" } });
    expect(event.after).toMatchObject({ status: "READY", lintOverrideReason: "users has 40 rows; the lock lasts milliseconds.", lintErrors: 1 });
  });

  it("cannot skip from ready to a status that is not next", async () => {
    const { releaseId, act } = await plannedRelease({ expandSql: "" });
    ok(await act(markReady, { releaseId }));
    expect(await act(markReady, { releaseId })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "This release is ready; it cannot become ready from there." },
    });
  });
});
