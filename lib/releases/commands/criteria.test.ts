import { describe, expect, it } from "vitest";
import { saveCriterion } from "@/lib/releases/commands/criteria";
import { createRelease } from "@/lib/releases/commands/create-release";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { criterionInput, fixtureRelease } from "@/lib/testing/release-fixtures";

// One criterion per signal and release: a second one would count the same signal twice in the
// recommendation. The fixture release already has an "Error rate" (error_rate) criterion.

const criterion = (releaseId: string, extra: Record<string, unknown> = {}) => criterionInput(releaseId, { stopThreshold: "3", ...extra });
const criteriaOf = (releaseId: string) =>
  testDb().criterion.findMany({
    where: { releaseId },
    orderBy: { position: "asc" },
    select: { id: true, stopThreshold: true, signal: { select: { key: true } } },
  });

describe("a criterion per signal", () => {
  it("refuses a second criterion for the same signal, on the signal field, and changes nothing", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const before = await criteriaOf(release.id);

    expect(await as(owner)(saveCriterion, criterion(release.id, { signalName: "Errors" }))).toEqual({
      ok: false,
      error: {
        code: "INVALID",
        message: "Some fields need attention.",
        fieldErrors: { signalKey: ["This release already has a criterion for Error rate; edit that one"] },
      },
    });
    expect(await criteriaOf(release.id)).toEqual(before);
    expect(await testDb().signal.findFirstOrThrow({ where: { releaseId: release.id, key: "error_rate" }, select: { name: true } })).toEqual({
      name: "Error rate",
    });
  });

  it("refuses moving another criterion onto a signal that already has one", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const { id } = ok(
      await as(owner)(
        saveCriterion,
        criterion(release.id, { signalName: "p95 latency", signalKey: "p95_latency", unit: "MILLISECONDS", stopThreshold: "800" }),
      ),
    );

    const moved = await as(owner)(saveCriterion, criterion(release.id, { criterionId: id }));
    expect(moved).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { signalKey: ["This release already has a criterion for Error rate; edit that one"] } },
    });
    expect((await criteriaOf(release.id)).map((c) => c.signal.key)).toEqual(["error_rate", "p95_latency"]);
  });

  it("still lets the existing criterion of that signal be edited", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    ok(await as(owner)(saveCriterion, criterion(release.id, { criterionId: release.criterionId, stopThreshold: "5" })));
    expect((await criteriaOf(release.id)).map((c) => [c.signal.key, Number(c.stopThreshold)])).toEqual([["error_rate", 5]]);
  });
});

describe("a criterion's automatic action", () => {
  it("is saved and audited, and a release copied from this one keeps it", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const { id } = ok(
      await as(owner)(saveCriterion, criterion(release.id, { signalName: "Replica lag", signalKey: "replica_lag", unit: "SECONDS", stopThreshold: "10" })),
    );
    expect(await testDb().criterion.findUniqueOrThrow({ where: { id }, select: { autoAction: true } })).toEqual({ autoAction: "TURN_FLAG_OFF" });
    ok(await as(owner)(saveCriterion, criterion(release.id, { criterionId: release.criterionId, autoAction: "PAUSE_BACKFILL" })));
    const updated = await testDb().auditEvent.findFirstOrThrow({
      where: { releaseId: release.id, action: "criterion.updated" },
      select: { before: true, after: true },
    });
    expect(updated).toMatchObject({ before: { autoAction: "TURN_FLAG_OFF" }, after: { autoAction: "PAUSE_BACKFILL" } });

    const copy = ok(await as(owner)(createRelease, { title: "Copy with pause criteria", from: release.id }));
    const copied = await testDb().criterion.findMany({ where: { releaseId: copy.id }, select: { autoAction: true, signal: { select: { key: true } } } });
    expect(copied.map((c) => [c.signal.key, c.autoAction]).sort()).toEqual([
      ["error_rate", "PAUSE_BACKFILL"],
      ["replica_lag", "TURN_FLAG_OFF"],
    ]);
  });
});
