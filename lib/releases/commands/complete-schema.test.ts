import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEvent } from "@/lib/audit/describe";
import { completeStage } from "@/lib/releases/commands/deploy";
import { closeTargetPools } from "@/lib/targets/pool";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb, withClient } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { liveTarget, type LiveTarget } from "@/lib/testing/targets";

// "Mark stage complete" on a release watching a real target database: refused while the stage's
// schema check fails, unless the decision owner (or the backup) writes why; the reason is stored
// and audited, and shown with the event.

const EXPAND = "ALTER TABLE users ADD COLUMN first_name text;\nALTER TABLE users ADD COLUMN last_name text;";

let live: LiveTarget;
beforeAll(async () => {
  live = await liveTarget();
  await withClient(live.url, (c) => c.query("CREATE TABLE users (id bigint PRIMARY KEY, full_name text, first_name text)"));
});
afterAll(async () => {
  await closeTargetPools();
  await live.drop();
});

async function watchedRelease() {
  const [owner, stageOwner] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
  const r = await fixtureRelease(owner.id, "IN_PROGRESS", { activeStageDone: true, stageOwnerId: stageOwner.id });
  await testDb().release.update({ where: { id: r.id }, data: { targetDatabaseId: live.targetId } });
  await testDb().stage.update({ where: { id: r.stages[0]!.id }, data: { sql: EXPAND } });
  return { ...r, owner, stageOwner, input: { releaseId: r.id, stageId: r.stages[0]!.id } };
}

const stage = (id: string) =>
  testDb().stage.findUniqueOrThrow({ where: { id }, select: { status: true, schemaCheck: true, schemaOverrideReason: true, statementBaseline: true } });

describe("completing a stage whose schema check fails", () => {
  it("is refused with the check's sentence, and the stage stays active", async () => {
    const r = await watchedRelease();
    const refused = await as(r.stageOwner)(completeStage, r.input);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        message: "Not applied yet: column users.last_name is missing. The decision owner or the backup may complete Expand anyway with a written reason.",
      },
    });
    expect(refused.ok || refused.error.fieldErrors).toBeUndefined();
    // The decision owner is offered the override, with what it would go past.
    expect(await as(r.owner)(completeStage, r.input)).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", fieldErrors: { override: ["Not applied yet: column users.last_name is missing"] } },
    });
    expect(await stage(r.input.stageId)).toMatchObject({ status: "ACTIVE", schemaOverrideReason: null });
  });

  it("refuses an override from a stage owner who is not a decision owner", async () => {
    const r = await watchedRelease();
    const refused = await as(r.stageOwner)(completeStage, { ...r.input, override: true, overrideReason: "Applied by hand, trust me" });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the decision owner or the backup may complete Expand while its checks fail." },
    });
    expect((await stage(r.input.stageId)).status).toBe("ACTIVE");
  });

  it("asks for the reason when an override is sent without one", async () => {
    const r = await watchedRelease();
    const refused = await as(r.owner)(completeStage, { ...r.input, override: true, overrideReason: "   " });
    expect(refused).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { overrideReason: ["Say why you complete it anyway"] } } });
    expect((await stage(r.input.stageId)).status).toBe("ACTIVE");
  });

  it("completes on the decision owner's written reason, stored with the check and audited", async () => {
    const r = await watchedRelease();
    const reason = "last_name lives in the replica schema until Friday";
    expect(ok(await as(r.owner)(completeStage, { ...r.input, override: true, overrideReason: reason }))).toEqual({ next: "MIGRATE", status: "IN_PROGRESS" });
    expect(await stage(r.input.stageId)).toMatchObject({
      status: "DONE",
      schemaOverrideReason: reason,
      schemaCheck: { ok: false, message: "Not applied yet: column users.last_name is missing" },
    });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: r.id, action: "stage.completed" }, select: { before: true, after: true } });
    expect(event.after).toMatchObject({ schemaCheck: "Not applied yet: column users.last_name is missing", overrideReason: reason });
    expect(describeEvent("stage.completed", event.before, event.after)).toBe(`completed Expand; Migrate is active — override: ${reason}`);
  });
});

describe("completing a stage whose schema check passes", () => {
  it("is allowed once the SQL is applied, stores the verified check, and Migrate stores its statement baseline", async () => {
    await withClient(live.url, (c) => c.query("ALTER TABLE users ADD COLUMN last_name text"));
    const r = await watchedRelease();
    ok(await as(r.stageOwner)(completeStage, r.input));
    const expand = await stage(r.input.stageId);
    expect(expand).toMatchObject({ status: "DONE", schemaOverrideReason: null, schemaCheck: { ok: true, state: "verified" } });
    expect((expand.schemaCheck as { message: string }).message).toMatch(/^Verified in live-.* at \d\d:\d\d UTC: users\.first_name, users\.last_name exist$/);

    // Migrate claims nothing about the catalog; completing it snapshots pg_stat_statements for Contract.
    const migrate = r.stages[1]!.id;
    ok(await as(r.stageOwner)(completeStage, { releaseId: r.id, stageId: migrate }));
    const done = await stage(migrate);
    expect(done).toMatchObject({ status: "DONE", schemaCheck: null });
    expect(done.statementBaseline).toMatchObject({ takenAt: expect.any(String) });
  });
});
