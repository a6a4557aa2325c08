import { describe, expect, it } from "vitest";
import { removeDrill } from "@/lib/releases/commands/drills";
import { markReady, recordDrill } from "@/lib/releases/commands/lifecycle";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

// Rollback drills on the server: the latest recorded drill of a day decides readiness, and a drill
// is removed only by whoever recorded it or an admin, with an audit event.

const drillsOf = (releaseId: string) => testDb().rollbackDrill.findMany({ where: { releaseId }, select: { id: true } });
const statusOf = async (id: string) => (await testDb().release.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("rollback drills and readiness", () => {
  it("lets a passing drill recorded after a failed one of the same day make the release ready", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    ok(await as(owner)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "FAILED", notes: "Reads stayed on the new path." }));
    ok(await as(owner)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "PASSED", notes: "Fixed the flag check; back in 4 s." }));
    expect(await as(owner)(markReady, { releaseId: release.id })).toEqual({ ok: true, data: { status: "READY" } });
  });

  it("still refuses when the latest drill of that day failed", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    ok(await as(owner)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "PASSED", notes: "" }));
    ok(await as(owner)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "FAILED", notes: "" }));
    expect(await as(owner)(markReady, { releaseId: release.id })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "Not ready yet: The latest drill (2026-11-20) failed; record a passing one." },
    });
  });
});

describe("removing a rollback drill", () => {
  it("is allowed to its recorder, audited with what was removed, and sends a ready plan back to draft", async () => {
    const recorder = await createUser("OPERATOR");
    const release = await fixtureRelease(recorder.id, "READY");
    const { id: drillId } = ok(
      await as(recorder)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "FAILED", notes: "Wrong environment" }),
    );

    expect(await as(recorder)(removeDrill, { releaseId: release.id, drillId })).toEqual({ ok: true, data: { id: drillId } });
    expect((await drillsOf(release.id)).map((d) => d.id)).not.toContain(drillId);
    expect(await statusOf(release.id)).toBe("DRAFT");
    const event = await testDb().auditEvent.findFirstOrThrow({
      where: { releaseId: release.id, action: "drill.removed" },
      select: { actorId: true, before: true, after: true },
    });
    expect(event).toMatchObject({
      actorId: recorder.id,
      before: { drillId, performedOn: "2026-11-20", result: "FAILED", notes: "Wrong environment", recordedById: recorder.id, status: "READY" },
      after: { status: "DRAFT" },
    });
  });

  it("is refused to another plan editor, and allowed to an admin", async () => {
    const [recorder, other, admin] = [await createUser("OPERATOR"), await createUser("OPERATOR"), await createUser("ADMIN")];
    const release = await fixtureRelease(recorder.id, "DRAFT");
    const { id: drillId } = ok(await as(recorder)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "PASSED", notes: "" }));

    expect(await as(other)(removeDrill, { releaseId: release.id, drillId })).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the person who recorded this drill, or an admin, can remove it." },
    });
    expect((await drillsOf(release.id)).map((d) => d.id)).toContain(drillId);
    expect(await testDb().auditEvent.count({ where: { releaseId: release.id, action: "drill.removed" } })).toBe(0);

    ok(await as(admin)(removeDrill, { releaseId: release.id, drillId }));
    expect((await drillsOf(release.id)).map((d) => d.id)).not.toContain(drillId);
  });

  it("is refused to a viewer, and answers NOT_FOUND for a drill of another release", async () => {
    const [recorder, viewer] = [await createUser("OPERATOR"), await createUser("VIEWER")];
    const release = await fixtureRelease(recorder.id, "DRAFT");
    const elsewhere = await fixtureRelease(recorder.id, "DRAFT");
    const { id: drillId } = ok(await as(recorder)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "PASSED", notes: "" }));

    expect(await as(viewer)(removeDrill, { releaseId: release.id, drillId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await as(recorder)(removeDrill, { releaseId: elsewhere.id, drillId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await drillsOf(release.id)).map((d) => d.id)).toContain(drillId);
  });

  it("is refused once the release is finished: its plan is the record", async () => {
    const recorder = await createUser("OPERATOR");
    const release = await fixtureRelease(recorder.id, "DRAFT");
    const { id: drillId } = ok(await as(recorder)(recordDrill, { releaseId: release.id, performedOn: "2026-11-20", result: "PASSED", notes: "" }));
    await testDb().release.update({ where: { id: release.id }, data: { status: "COMPLETED" } });
    expect(await as(recorder)(removeDrill, { releaseId: release.id, drillId })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });
});
