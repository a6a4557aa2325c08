import { describe, expect, it } from "vitest";
import { turnFlagOn } from "@/lib/flags/commands";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { as } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { detailsInput, fixtureRelease } from "@/lib/testing/release-fixtures";

// One built-in flag guards one unfinished release: re-pointing a release's flag key at another
// release's kill switch used to hand its deciders that other switch.

const pointAt = (r: Awaited<ReturnType<typeof fixtureRelease>>, ownerId: string, flagKey: string) =>
  detailsInput(r, { flagKey, decisionOwnerId: ownerId, backupOwnerId: r.backupId });

describe("a built-in flag guards one release at a time", () => {
  it("refuses to point a draft at the flag of a release in progress, so its owner cannot flip it", async () => {
    const mallory = await createUser("OPERATOR");
    const victim = await fixtureRelease((await createUser("OPERATOR")).id, "IN_PROGRESS");
    const draft = await fixtureRelease(mallory.id, "DRAFT");
    await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1", victim.flagKey);

    const result = await as(mallory)(updateReleaseDetails, pointAt(draft, mallory.id, victim.flagKey));
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { flagKey: [expect.stringContaining(victim.title)] } } });

    // The flip through the draft reaches the draft's own flag, never the victim's.
    await as(mallory)(turnFlagOn, { releaseId: draft.id, expected: false });
    const victimFlag = await testDb().flag.findUnique({
      where: { key_environment: { key: victim.flagKey, environment: "production" } },
      select: { enabled: true },
    });
    expect(victimFlag?.enabled).toBe(false);
  });

  it("lets a new release reuse the flag of a finished one", async () => {
    const owner = await createUser("OPERATOR");
    const done = await fixtureRelease(owner.id, "COMPLETED");
    const next = await fixtureRelease(owner.id, "DRAFT");
    expect(await as(owner)(updateReleaseDetails, pointAt(next, owner.id, done.flagKey))).toMatchObject({ ok: true });
  });

  it("holds in the database too, when two saves race past the check", async () => {
    const owner = await createUser("OPERATOR");
    const a = await fixtureRelease(owner.id, "DRAFT");
    const b = await fixtureRelease(owner.id, "DRAFT");
    const shared = `${a.flagKey}-shared`;
    const results = await Promise.all([
      as(owner)(updateReleaseDetails, pointAt(a, owner.id, shared)),
      as(owner)(updateReleaseDetails, pointAt(b, owner.id, shared)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { flagKey: [expect.any(String)] } } });
  });
});
