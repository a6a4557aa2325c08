import { describe, expect, it } from "vitest";
import { addNote } from "@/lib/releases/commands/notes";
import { addFollowUp, removeFollowUp, saveReviewSummary } from "@/lib/releases/commands/review";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

// Notes go on the timeline during the deploy; the review is written once the release has ended.

describe("notes", () => {
  it("are audit events on the timeline while the release deploys, refused before and after", async () => {
    const operator = await createUser("OPERATOR");
    const live = await fixtureRelease(operator.id, "STOPPED");
    ok(await as(operator)(addNote, { releaseId: live.id, text: "Paged the DBA; lock waits at 12" }));
    const note = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: live.id, action: "note.added" }, select: { actorLabel: true, after: true } });
    expect(note).toMatchObject({ actorLabel: operator.name, after: { text: "Paged the DBA; lock waits at 12" } });

    const ended = await fixtureRelease(operator.id, "COMPLETED");
    expect(await as(operator)(addNote, { releaseId: ended.id, text: "late" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining("review") },
    });
    expect(await as(operator)(addNote, { releaseId: live.id, text: "  " })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { text: ["Write the note"] } },
    });
  });
});

describe("the review", () => {
  it("is written once the release has ended, and a stale save is refused without losing anything", async () => {
    const [first, second] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
    const draft = await fixtureRelease(first.id, "IN_PROGRESS");
    expect(await as(first)(saveReviewSummary, { releaseId: draft.id, summary: "x", expectedVersion: 0 })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });

    const r = await fixtureRelease(first.id, "ROLLED_BACK");
    expect(ok(await as(first)(saveReviewSummary, { releaseId: r.id, summary: "The backfill held a lock for 40 s.", expectedVersion: 0 }))).toEqual({
      version: 1,
    });
    expect(await as(second)(saveReviewSummary, { releaseId: r.id, summary: "Mine", expectedVersion: 0 })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining(first.name) },
    });
    expect(await testDb().releaseReview.findUnique({ where: { releaseId: r.id }, select: { summary: true } })).toEqual({
      summary: "The backfill held a lock for 40 s.",
    });
  });

  it("lists follow-ups with active owners, and removes them", async () => {
    const editor = await createUser("OPERATOR");
    const gone = await createUser("OPERATOR");
    await testDb().user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const r = await fixtureRelease(editor.id, "COMPLETED");
    expect(await as(editor)(addFollowUp, { releaseId: r.id, text: "x", ownerId: gone.id })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { ownerId: expect.any(Array) } },
    });
    const { id } = ok(await as(editor)(addFollowUp, { releaseId: r.id, text: "Batch the backfill by 1,000 rows", ownerId: editor.id }));
    expect(await testDb().reviewFollowUp.findMany({ where: { releaseId: r.id }, select: { text: true, ownerId: true } })).toEqual([
      { text: "Batch the backfill by 1,000 rows", ownerId: editor.id },
    ]);
    ok(await as(editor)(removeFollowUp, { releaseId: r.id, followUpId: id }));
    expect(await testDb().reviewFollowUp.count({ where: { releaseId: r.id } })).toBe(0);
  });
});
