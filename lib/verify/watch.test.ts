import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTargetPools } from "@/lib/targets/pool";
import { watchedReleases } from "@/lib/targets/watch/loop";
import { createUser, testDb, withClient } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { liveTarget, type LiveTarget } from "@/lib/testing/targets";
import { watchSchema } from "@/lib/verify/watch";
import type { SchemaCheck } from "@/lib/verify/schema-check";

// The leader's watcher keeps the active stage's "Schema check" line current without writing on
// every poll: a change is written at once, a steady result once a minute.

let live: LiveTarget;
beforeAll(async () => {
  live = await liveTarget();
  await withClient(live.url, (c) => c.query("CREATE TABLE users (id bigint PRIMARY KEY, full_name text)"));
});
afterAll(async () => {
  await closeTargetPools();
  await live.drop();
});

async function watchedRelease() {
  const owner = await createUser("OPERATOR");
  const r = await fixtureRelease(owner.id, "IN_PROGRESS");
  await testDb().release.update({ where: { id: r.id }, data: { targetDatabaseId: live.targetId } });
  await testDb().stage.update({ where: { id: r.stages[0]!.id }, data: { sql: "ALTER TABLE users ADD COLUMN first_name text;" } });
  return r;
}

async function pass(releaseId: string, at: number) {
  const release = (await watchedReleases(testDb())).find((r) => r.id === releaseId)!;
  await watchSchema(testDb(), release, new Date(at));
}

// The watcher's own trail entries for a release: one per change of the result, none for a refresh.
const events = async (releaseId: string) =>
  await testDb().auditEvent.findMany({
    where: { releaseId, action: "stage.schema_checked" },
    orderBy: { id: "asc" },
    select: { actorLabel: true, summary: true },
  });

const stored = async (stageId: string) =>
  (await testDb().stage.findUniqueOrThrow({ where: { id: stageId }, select: { schemaCheck: true } })).schemaCheck as SchemaCheck | null;

describe("watching the active stage's schema", () => {
  it("writes a change at once and a steady result once a minute", async () => {
    const r = await watchedRelease();
    const expand = r.stages[0]!.id;
    const t0 = Date.parse("2026-12-01T14:02:00Z");

    await pass(r.id, t0);
    expect(await stored(expand)).toMatchObject({
      ok: false,
      message: "Not applied yet: column users.first_name is missing",
      checkedAt: new Date(t0).toISOString(),
    });
    await pass(r.id, t0 + 2_000);
    expect((await stored(expand))?.checkedAt).toBe(new Date(t0).toISOString());

    await withClient(live.url, (c) => c.query("ALTER TABLE users ADD COLUMN first_name text"));
    await pass(r.id, t0 + 4_000);
    expect(await stored(expand)).toMatchObject({ ok: true, message: expect.stringMatching(/ at 14:02 UTC: users\.first_name exists$/) });
    await pass(r.id, t0 + 30_000);
    expect((await stored(expand))?.checkedAt).toBe(new Date(t0 + 4_000).toISOString());
    await pass(r.id, t0 + 70_000);
    expect(await stored(expand)).toMatchObject({ checkedAt: new Date(t0 + 70_000).toISOString(), message: expect.stringContaining(" at 14:03 UTC: ") });
    expect(await events(r.id)).toEqual([
      { actorLabel: "Switchback target watcher", summary: "checked Expand against the target database: Not applied yet: column users.first_name is missing" },
      {
        actorLabel: "Switchback target watcher",
        summary: expect.stringMatching(/^checked Expand against the target database: Verified in .* at 14:02 UTC: users\.first_name exists$/),
      },
    ]);
    await withClient(live.url, (c) => c.query("ALTER TABLE users DROP COLUMN first_name"));
  });

  it("leaves stages that are not active alone", async () => {
    const r = await watchedRelease();
    await testDb().stage.update({ where: { id: r.stages[0]!.id }, data: { status: "DONE" } });
    await pass(r.id, Date.now());
    expect(await stored(r.stages[0]!.id)).toBeNull();
  });
});
