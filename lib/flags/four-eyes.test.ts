import { describe, expect, it } from "vitest";
import { approveFlagOn, declineFlagOn, turnFlagOff, turnFlagOn } from "@/lib/flags/commands";
import { expireFlagOnRequests } from "@/lib/flags/four-eyes";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

// Four eyes on the kill switch: the decision owner's "Turn flag on" waits for the backup or an
// admin; nobody approves their own request; unanswered requests expire; every step is audited.

async function setup() {
  const owner = await createUser("OPERATOR");
  const backup = await createUser("VIEWER");
  const r = await fixtureRelease(owner.id, "IN_PROGRESS", { fourEyes: true, backupId: backup.id });
  await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1", r.flagKey);
  const flag = async () =>
    (await testDb().flag.findUniqueOrThrow({ where: { key_environment: { key: r.flagKey, environment: "production" } }, select: { enabled: true } })).enabled;
  const actions = async () =>
    (await testDb().auditEvent.findMany({ where: { releaseId: r.id }, orderBy: { id: "asc" }, select: { action: true } })).map((e) => e.action);
  return { owner, backup, r, flag, actions };
}

describe("four eyes on turning the flag on", () => {
  it("turns the owner's flip into a request that the backup approves, audited", async () => {
    const { owner, backup, r, flag, actions } = await setup();
    const requested = ok(await as(owner)(turnFlagOn, { releaseId: r.id, expected: false }));
    expect(requested.pendingApproval).toBeDefined();
    expect(await flag()).toBe(false);

    const requestId = requested.pendingApproval!.requestId;
    expect(await as(owner)(approveFlagOn, { releaseId: r.id, requestId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await flag()).toBe(false);

    expect(await as(backup)(approveFlagOn, { releaseId: r.id, requestId })).toMatchObject({ ok: true, data: { enabled: true } });
    expect(await flag()).toBe(true);
    expect(await actions()).toEqual(["flag.on_requested", "flag.changed"]);
    const flip = await testDb().auditEvent.findFirst({ where: { releaseId: r.id, action: "flag.changed" }, select: { after: true, actorId: true } });
    expect(flip).toMatchObject({ actorId: backup.id, after: { fourEyes: { requestId, requestedBy: owner.name, approvedBy: backup.name } } });
    expect(await as(backup)(approveFlagOn, { releaseId: r.id, requestId })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("keeps one open request per release and lets an admin decline it", async () => {
    const { owner, r, flag, actions } = await setup();
    const admin = await createUser("ADMIN");
    const { pendingApproval } = ok(await as(owner)(turnFlagOn, { releaseId: r.id, expected: false }));
    expect(await as(admin)(turnFlagOn, { releaseId: r.id, expected: false })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await as(admin)(declineFlagOn, { releaseId: r.id, requestId: pendingApproval!.requestId, note: "Error rate still high" })).toMatchObject({
      ok: true,
    });
    expect(await flag()).toBe(false);
    expect(await actions()).toEqual(["flag.on_requested", "flag.on_declined"]);
  });

  it("does not let an admin approve their own request", async () => {
    const { r } = await setup();
    const admin = await createUser("ADMIN");
    const { pendingApproval } = ok(await as(admin)(turnFlagOn, { releaseId: r.id, expected: false }));
    expect(await as(admin)(approveFlagOn, { releaseId: r.id, requestId: pendingApproval!.requestId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });

  it("expires a request nobody answered, once, with its audit event", async () => {
    const { owner, backup, r, flag, actions } = await setup();
    const { pendingApproval } = ok(await as(owner)(turnFlagOn, { releaseId: r.id, expected: false }));
    await testDb().flagOnRequest.update({ where: { id: pendingApproval!.requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await as(backup)(approveFlagOn, { releaseId: r.id, requestId: pendingApproval!.requestId })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });
    await expireFlagOnRequests(testDb());
    await expireFlagOnRequests(testDb());
    expect(await flag()).toBe(false);
    expect(await actions()).toEqual(["flag.on_requested", "flag.on_expired"]);
    // The owner may ask again once the old request is gone.
    expect(await as(owner)(turnFlagOn, { releaseId: r.id, expected: false })).toMatchObject({ ok: true, data: { pendingApproval: expect.anything() } });
  });

  it("leaves turning the flag off immediate", async () => {
    const { owner, r, flag } = await setup();
    await testDb().$executeRawUnsafe("UPDATE flags SET enabled = true WHERE key = $1", r.flagKey);
    expect(await as(owner)(turnFlagOff, { releaseId: r.id, expected: true })).toMatchObject({ ok: true, data: { enabled: false } });
    expect(await flag()).toBe(false);
  });
});
