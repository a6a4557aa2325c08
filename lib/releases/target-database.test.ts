import { describe, expect, it } from "vitest";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { removeTarget } from "@/lib/targets/commands";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { detailsInput, fixtureRelease } from "@/lib/testing/release-fixtures";
import { fixtureTarget } from "@/lib/testing/targets";

// The plan's "Target database": the editor chooses a registered one (or none), the trail names it,
// and a target a release still watches cannot be removed from under it.

const targetOf = async (releaseId: string) =>
  (await testDb().release.findUniqueOrThrow({ where: { id: releaseId }, select: { targetDatabaseId: true } })).targetDatabaseId;
const nameOf = async (targetId: string) => (await testDb().targetDatabase.findUniqueOrThrow({ where: { id: targetId }, select: { name: true } })).name;
const fresh = (releaseId: string) =>
  testDb().release.findUniqueOrThrow({ where: { id: releaseId }, select: { id: true, version: true, title: true, flagKey: true } });

describe("the plan's target database", () => {
  it("is chosen by the plan's editor, named in the audit event, and cleared with none", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const targetId = await fixtureTarget();
    ok(
      await as(owner)(updateReleaseDetails, detailsInput(release, { decisionOwnerId: owner.id, backupOwnerId: release.backupId, targetDatabaseId: targetId })),
    );
    expect(await targetOf(release.id)).toBe(targetId);
    const [event] = await testDb().auditEvent.findMany({ where: { releaseId: release.id, action: "release.updated" }, orderBy: { id: "desc" }, take: 1 });
    expect(event?.after).toMatchObject({ targetDatabase: await nameOf(targetId) });
    expect(event?.before).toMatchObject({ targetDatabase: null });

    // Leaving the field out keeps it; choosing none ("") clears it.
    ok(
      await as(owner)(
        updateReleaseDetails,
        detailsInput(await fresh(release.id), { decisionOwnerId: owner.id, backupOwnerId: release.backupId, summary: "kept" }),
      ),
    );
    expect(await targetOf(release.id)).toBe(targetId);
    ok(
      await as(owner)(
        updateReleaseDetails,
        detailsInput(await fresh(release.id), { decisionOwnerId: owner.id, backupOwnerId: release.backupId, targetDatabaseId: "" }),
      ),
    );
    expect(await targetOf(release.id)).toBeNull();
  });

  it("is fixed once the deploy has started: another target is refused on the field, other edits still save", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "IN_PROGRESS");
    const [watched, other] = [await fixtureTarget(), await fixtureTarget()];
    await testDb().release.update({ where: { id: release.id }, data: { targetDatabaseId: watched } });
    const people = { decisionOwnerId: owner.id, backupOwnerId: release.backupId };
    for (const targetDatabaseId of [other, ""]) {
      const result = await as(owner)(updateReleaseDetails, detailsInput(await fresh(release.id), { ...people, targetDatabaseId }));
      expect(result).toMatchObject({
        ok: false,
        error: { code: "CONFLICT", fieldErrors: { targetDatabaseId: [expect.stringContaining("fixed once the deploy has started")] } },
      });
      expect(await targetOf(release.id)).toBe(watched);
    }
    // The form leaves the locked field out: the rest of the details still save.
    ok(await as(owner)(updateReleaseDetails, detailsInput(await fresh(release.id), { ...people, summary: "still editable" })));
    expect(await targetOf(release.id)).toBe(watched);
  });

  it("refuses a target that is not registered, on the field, and changes nothing", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const result = await as(owner)(
      updateReleaseDetails,
      detailsInput(release, {
        decisionOwnerId: owner.id,
        backupOwnerId: release.backupId,
        targetDatabaseId: "00000000-0000-4000-8000-000000000000",
        summary: "lost?",
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { targetDatabaseId: [expect.stringContaining("no longer registered")] } },
    });
    expect((await fresh(release.id)).version).toBe(release.version);
  });

  it("cannot be removed while a release watches it; the admin is told which release", async () => {
    const owner = await createUser("OPERATOR");
    const admin = await createUser("ADMIN");
    const release = await fixtureRelease(owner.id, "IN_PROGRESS");
    const targetId = await fixtureTarget();
    await testDb().release.update({ where: { id: release.id }, data: { targetDatabaseId: targetId } });
    const refused = await as(admin)(removeTarget, { targetId });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining(`“${release.title}”`) } });
    expect(await targetOf(release.id)).toBe(targetId);
  });
});
