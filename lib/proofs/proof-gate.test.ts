import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeStatementBaseline } from "@/lib/proofs/baseline";
import { completeMigrate, createUsers, MINUTE, problems, proofRelease, run, watch } from "@/lib/proofs/proof-fixtures";
import { addChecklistItem, removeChecklistItem, tickChecklistItem } from "@/lib/releases/commands/checklist";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { fixtureTarget, liveTarget, type LiveTarget } from "@/lib/testing/targets";

// The Contract gate and the checklist around the computed proofs: what a person cannot do by hand
// while Switchback has not been able to read the target, and what removing an item cannot bypass.

const UNREAD_TICK_REFUSAL = "Switchback computes this proof from the target database's pg_stat_statements; it is not ticked by hand.";
let target: LiveTarget;

beforeAll(async () => {
  target = await liveTarget();
  await createUsers(target);
});
afterAll(async () => {
  await target?.drop();
});

describe("the computed Contract proofs", () => {
  it("stay Switchback's and fail while the target has not answered, before any computation", async () => {
    const r = await proofRelease(target);
    const down = await fixtureTarget();
    await testDb().release.update({ where: { id: r.id }, data: { targetDatabaseId: down, businessCycleDays: 0 } });
    const { name } = await testDb().targetDatabase.findUniqueOrThrow({ where: { id: down }, select: { name: true } });
    const sealedUrl = (await testDb().targetDatabase.findUniqueOrThrow({ where: { id: down }, select: { sealedUrl: true } })).sealedUrl;
    const migratedAt = new Date();
    // Migrate completed while the target did not answer: no snapshot to count from.
    const baseline = await takeStatementBaseline({ id: down, sealedUrl }, migratedAt);
    expect(baseline).toMatchObject({ available: false, unreachable: true });
    await completeMigrate(r, migratedAt, baseline);

    // The watcher has not looked yet.
    expect(await problems(r.id, migratedAt)).toEqual([
      `Switchback has not been able to read ${name}'s pg_stat_statements yet: it has not looked since Migrate completed.`,
    ]);
    const tick = () => as(r.owner)(tickChecklistItem, { releaseId: r.id, itemId: r.unreadItem, done: true });
    expect(await tick()).toMatchObject({ ok: false, error: { message: UNREAD_TICK_REFUSAL } });

    // It looked, and the target did not answer: still not a person's tick, still failing.
    const at = new Date(migratedAt.getTime() + MINUTE);
    expect(await watch(r.id, at)).toMatchObject({ available: false, unreachable: true, objects: [] });
    expect(await problems(r.id, at)).toEqual([
      `Switchback has not been able to read ${name}'s pg_stat_statements yet: Nothing is listening on 127.0.0.1:1: the connection was refused.`,
    ]);
    expect(await tick()).toMatchObject({ ok: false, error: { message: UNREAD_TICK_REFUSAL } });
  });

  it("gate Contract whether or not its checklist still lists them, and their items stay once the deploy has started", async () => {
    const r = await proofRelease(target);
    const migratedAt = new Date();
    await completeMigrate(r, migratedAt, await takeStatementBaseline(r.ref, migratedAt));
    await run(target, "SELECT full_name FROM users WHERE id = $id", 2);
    const at = new Date(migratedAt.getTime() + MINUTE);
    await watch(r.id, at);

    // The deploy has started: the computed items cannot be removed.
    const removal = await as(r.owner)(removeChecklistItem, { releaseId: r.id, itemId: r.unreadItem });
    expect(removal).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        message:
          "“Computed old_columns_unread” is a proof Switchback computes, and this release's deploy has started: it stays on the checklist until Contract completes.",
      },
    });
    expect(await testDb().checklistItem.count({ where: { id: { in: [r.unreadItem, r.cycleItem] } } })).toBe(2);

    // A plan without the items (removed before the deploy, or written before they existed) is judged all the same.
    await testDb().checklistItem.deleteMany({ where: { id: { in: [r.unreadItem, r.cycleItem] } } });
    expect(await problems(r.id, at)).toEqual([
      "The old columns are still read: 1 statement still reads users.full_name.",
      "The business cycle has not passed: 6 d 23 h of the 7-day business cycle remain.",
    ]);
  });

  it("may be removed from a plan that has not started", async () => {
    const owner = await createUser("ADMIN");
    const r = await fixtureRelease(owner.id, "DRAFT");
    const contract = r.stages[2]!;
    const item = await testDb().checklistItem.create({
      data: { stageId: contract.id, text: "Business cycle passed", isProof: true, computedProof: "business_cycle", position: 10 },
      select: { id: true },
    });
    ok(await as(owner)(removeChecklistItem, { releaseId: r.id, itemId: item.id }));
    // Ordinary items of a started release come and go as before.
    const started = await fixtureRelease(owner.id, "IN_PROGRESS");
    const stageId = started.stages[2]!.id;
    const added = ok(await as(owner)(addChecklistItem, { releaseId: started.id, stageId, text: "Tell support", isProof: false }));
    ok(await as(owner)(removeChecklistItem, { releaseId: started.id, itemId: added.id }));
  });
});
