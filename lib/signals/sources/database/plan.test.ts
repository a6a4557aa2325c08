import { describe, expect, it } from "vitest";
import { saveCriterion } from "@/lib/releases/commands/criteria";
import { createRelease } from "@/lib/releases/commands/create-release";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { NO_TARGET } from "@/lib/signals/sources/database/config";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { criterionInput, detailsInput, fixtureRelease } from "@/lib/testing/release-fixtures";
import { fixtureTarget } from "@/lib/testing/targets";

// A Database criterion as the plan saves it (through the actions, as the form sends it), and the
// release details it follows: the target, how often it is polled, the business cycle.

const lockWaits = (releaseId: string, extra: Record<string, unknown> = {}) =>
  criterionInput(releaseId, { signalName: "Lock waits", signalKey: "lock_waits", source: "DATABASE", dbMetric: "lock_waits", ...extra });
const signalOf = (releaseId: string, key: string) =>
  testDb().signal.findFirstOrThrow({
    where: { releaseId, key },
    select: { source: true, unit: true, dbMetric: true, dbSql: true, pollIntervalSeconds: true, lastError: true },
  });
const fresh = (releaseId: string) =>
  testDb().release.findUniqueOrThrow({ where: { id: releaseId }, select: { id: true, version: true, title: true, flagKey: true } });

describe("a Database criterion in the plan", () => {
  it("is saved with its metric's unit, and says the release has no target database yet", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    ok(await as(owner)(saveCriterion, lockWaits(release.id, { unit: "PERCENT" })));
    expect(await signalOf(release.id, "lock_waits")).toEqual({
      source: "DATABASE",
      unit: "COUNT",
      dbMetric: "lock_waits",
      dbSql: null,
      pollIntervalSeconds: 2,
      lastError: NO_TARGET,
    });
  });

  it("refuses a SQL signal that is not one SELECT, on the SQL field", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const result = await as(owner)(saveCriterion, lockWaits(release.id, { signalKey: "wipe", dbMetric: "sql", dbSql: "DELETE FROM users" }));
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { dbSql: ["A SQL signal must be a SELECT; this is a DELETE."] } } });
    expect(await testDb().signal.count({ where: { releaseId: release.id, key: "wipe" } })).toBe(0);
  });
});

describe("the release's target timings", () => {
  it("are edited in the details, audited, and followed by its Database signals", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    ok(await as(owner)(saveCriterion, lockWaits(release.id)));
    const targetId = await fixtureTarget();
    const edit = { decisionOwnerId: owner.id, backupOwnerId: release.backupId, targetDatabaseId: targetId, targetPollSeconds: "10", businessCycleDays: "14" };
    ok(await as(owner)(updateReleaseDetails, detailsInput(release, edit)));

    expect(await testDb().release.findUniqueOrThrow({ where: { id: release.id }, select: { targetPollSeconds: true, businessCycleDays: true } })).toEqual({
      targetPollSeconds: 10,
      businessCycleDays: 14,
    });
    const [event] = await testDb().auditEvent.findMany({ where: { releaseId: release.id, action: "release.updated" }, orderBy: { id: "desc" }, take: 1 });
    expect(event?.before).toMatchObject({ targetPollSeconds: 2, businessCycleDays: 7 });
    expect(event?.after).toMatchObject({ targetPollSeconds: 10, businessCycleDays: 14 });
    expect(await signalOf(release.id, "lock_waits")).toMatchObject({ pollIntervalSeconds: 10, lastError: null });

    // Choosing no target again says so on the signal.
    ok(await as(owner)(updateReleaseDetails, detailsInput(await fresh(release.id), { ...edit, targetDatabaseId: "" })));
    expect(await signalOf(release.id, "lock_waits")).toMatchObject({ lastError: NO_TARGET });
  });

  it.each([
    ["targetPollSeconds", "0", "At least 1 second"],
    ["targetPollSeconds", "301", "At most 300 seconds"],
    ["targetPollSeconds", "2.5", "Enter a whole number"],
    ["businessCycleDays", "91", "At most 90 days"],
    ["businessCycleDays", "", "Enter a whole number"],
  ])("refuses %s %j on the field", async (field, value, message) => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const result = await as(owner)(updateReleaseDetails, detailsInput(release, { decisionOwnerId: owner.id, backupOwnerId: release.backupId, [field]: value }));
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { [field]: [message] } } });
  });

  it("are copied with the Database signals into a new release", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "DRAFT");
    const sql = "SELECT count(*) FROM users WHERE first_name IS NULL";
    ok(
      await as(owner)(saveCriterion, lockWaits(release.id, { signalName: "Left to backfill", signalKey: "left", dbMetric: "sql", dbSql: sql, unit: "COUNT" })),
    );
    await testDb().release.update({ where: { id: release.id }, data: { targetPollSeconds: 5, businessCycleDays: 3 } });

    const copy = ok(await as(owner)(createRelease, { title: "Copy", from: release.id }));
    expect(await testDb().release.findUniqueOrThrow({ where: { id: copy.id }, select: { targetPollSeconds: true, businessCycleDays: true } })).toEqual({
      targetPollSeconds: 5,
      businessCycleDays: 3,
    });
    expect(await signalOf(copy.id, "left")).toMatchObject({ source: "DATABASE", dbMetric: "sql", dbSql: sql, lastError: NO_TARGET });
  });
});
