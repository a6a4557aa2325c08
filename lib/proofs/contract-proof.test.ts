import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { takeStatementBaseline } from "@/lib/proofs/baseline";
import { unreadLines, unreadNotes } from "@/lib/proofs/lines";
import { completeMigrate, createUsers, MINUTE, problems, proofRelease, proofTrail, run, watch } from "@/lib/proofs/proof-fixtures";
import { pollDatabaseSignals } from "@/lib/signals/sources/database/poll";
import { tickChecklistItem } from "@/lib/releases/commands/checklist";
import { STATEMENTS_NOT_INSTALLED } from "@/lib/targets/check";
import { watchedReleases } from "@/lib/targets/watch/loop";
import { as, ok } from "@/lib/testing/actions";
import { testDb, withClient } from "@/lib/testing/db";
import { fixtureTarget, liveTarget, type LiveTarget } from "@/lib/testing/targets";

// "Old columns unread" against a real target database: the app's statements run on it as the
// superuser, pg_stat_statements counts them (per database, so other test files on the cluster do
// not interfere), and the watcher's job turns them into the Contract stage's proof.

let target: LiveTarget;
let bare: LiveTarget;

beforeAll(async () => {
  [target, bare] = await Promise.all([liveTarget(), liveTarget()]);
  await Promise.all([createUsers(target), createUsers(bare)]);
  await withClient(bare.url, (c) => c.query("DROP EXTENSION pg_stat_statements"));
});
afterAll(async () => {
  await Promise.all([target?.drop(), bare?.drop()]);
});

const release = proofRelease;

describe("the computed Contract proof", () => {
  it("says a statement still reads the dropped column until the reads stop, and gates Contract until then", async () => {
    const r = await release(target);
    await run(target, "SELECT full_name FROM users WHERE id = $id", 4);
    const migratedAt = new Date();
    const baseline = await takeStatementBaseline(r.ref, migratedAt);
    expect(baseline).toMatchObject({ available: true });
    await completeMigrate(r, migratedAt, baseline);

    // Reads switched, but something still reads full_name: 3 calls since Migrate completed.
    await run(target, "SELECT full_name FROM users WHERE id = $id", 3);
    await run(target, "SELECT first_name, last_name FROM users WHERE id = $id", 5);
    const first = new Date(migratedAt.getTime() + MINUTE);
    const read = await watch(r.id, first);
    const [line] = unreadLines(read, first);
    expect(line).toMatchObject({ ok: false, line: "1 statement still reads users.full_name." });
    expect(line!.statements).toEqual([
      { key: expect.any(String), query: "SELECT full_name FROM users WHERE id = $1", calls: 3, reading: true, lastCalledAt: first.toISOString() },
    ]);
    expect(await problems(r.id, first)).toEqual([
      "The old columns are still read: 1 statement still reads users.full_name.",
      "The business cycle has not passed: 6 d 23 h of the 7-day business cycle remain.",
    ]);
    // Switchback computes it now: a person may not tick it.
    const refused = await as(r.owner)(tickChecklistItem, { releaseId: r.id, itemId: r.unreadItem, done: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("from the target database's pg_stat_statements; it is not ticked by hand") },
    });

    // The reads stop; only statements that never touch full_name run.
    await run(target, "SELECT first_name, last_name FROM users WHERE id = $id", 5);
    const later = new Date(first.getTime() + 3 * 60 * MINUTE + 5 * MINUTE);
    const unread = await watch(r.id, later);
    const [after] = unreadLines(unread, later);
    expect(after).toMatchObject({ ok: true, line: expect.stringMatching(/^No statement has read users\.full_name for 3 h 5 min \(last read at .+ UTC\)\.$/) });
    expect(unread.objects[0]!.lastReadAt).toBe(first.toISOString());
    // The trail says when the proof came to hold, in the watcher's name.
    expect(await proofTrail(r.id)).toEqual([
      expect.objectContaining({ holds: false, stillRead: ["users.full_name"] }),
      expect.objectContaining({ holds: true, stillRead: [], proof: expect.stringMatching(/^No statement has read users\.full_name for 3 h 5 min/) }),
    ]);
    expect(await problems(r.id, later)).toEqual(["The business cycle has not passed: 6 d 20 h of the 7-day business cycle remain."]);

    await testDb().release.update({ where: { id: r.id }, data: { businessCycleDays: 0 } });
    expect(await problems(r.id, later)).toEqual([]);
  });

  it("does not count Switchback's own SQL signal that names the dropped column as the app reading it", async () => {
    const own = await liveTarget();
    try {
      await withClient(own.url, (c) => c.query("CREATE TABLE users (id int PRIMARY KEY, full_name text, first_name text, last_name text)"));
      const r = await release(own);
      const divergence = "SELECT count(*) FROM users WHERE first_name IS NOT NULL AND full_name IS DISTINCT FROM first_name || ' ' || last_name";
      await testDb().signal.create({
        data: { releaseId: r.id, key: "divergence", name: "Dual-write divergence", unit: "COUNT", source: "DATABASE", dbMetric: "sql", dbSql: divergence },
      });
      const migratedAt = new Date();
      await completeMigrate(r, migratedAt, await takeStatementBaseline(r.ref, migratedAt));
      const watched = () => watchedReleases(testDb()).then((all) => all.find((w) => w.id === r.id)!);
      // The watcher polls the signal (on the same role the test's "app" uses here) while the app reads the new columns.
      for (let i = 0; i < 3; i++) await pollDatabaseSignals(testDb(), await watched(), new Date());
      await run(own, "SELECT first_name, last_name FROM users WHERE id = $id", 3);
      const later = new Date(migratedAt.getTime() + MINUTE);
      expect(unreadLines(await watch(r.id, later), later)[0]).toMatchObject({ ok: true });

      // The app's own read of the old column, under that same role, still counts.
      await run(own, "SELECT full_name FROM users WHERE id = $id", 2);
      const then = new Date(later.getTime() + MINUTE);
      expect(unreadLines(await watch(r.id, then), then)[0]).toMatchObject({ ok: false, line: "1 statement still reads users.full_name." });
    } finally {
      await own.drop();
    }
  });

  it("takes a late baseline when Migrate completed without one, and says the counting starts late", async () => {
    const r = await release(target);
    const migratedAt = new Date(Date.now() - 2 * 60 * MINUTE);
    await completeMigrate(r, migratedAt, null);
    const now = new Date();
    const state = await watch(r.id, now);
    const stored = await testDb().stage.findUniqueOrThrow({ where: { id: r.migrate.id }, select: { statementBaseline: true } });
    expect(stored.statementBaseline).toMatchObject({ available: true, takenAt: now.toISOString() });
    expect(unreadNotes(state)).toEqual([
      expect.stringContaining("not from Migrate's completion: no pg_stat_statements snapshot was taken when Migrate completed"),
    ]);
    expect(unreadLines(state, now)[0]).toMatchObject({
      ok: true,
      line: "No statement has read users.full_name for less than a minute (since reads switched).",
    });
  });

  it("says plainly when pg_stat_statements is missing, and the proof item is ticked by a person instead", async () => {
    const r = await release(bare);
    const baseline = await takeStatementBaseline(r.ref);
    expect(baseline).toMatchObject({ available: false, reason: STATEMENTS_NOT_INSTALLED });
    const migratedAt = new Date(Date.now() - 8 * 24 * 60 * MINUTE);
    await completeMigrate(r, migratedAt, baseline);
    await run(bare, "SELECT full_name FROM users WHERE id = $id", 3);
    const state = await watch(r.id, new Date());
    expect(state).toMatchObject({ available: false, reason: STATEMENTS_NOT_INSTALLED, objects: [] });
    // Nothing computed: the manual item is what counts, so the gate has nothing to say about it.
    expect(await problems(r.id, new Date())).toEqual([]);
    ok(await as(r.owner)(tickChecklistItem, { releaseId: r.id, itemId: r.unreadItem, done: true }));
    // The business cycle is computed whatever the target can tell.
    expect(await as(r.owner)(tickChecklistItem, { releaseId: r.id, itemId: r.cycleItem, done: true })).toMatchObject({
      ok: false,
      error: { message: "Switchback computes this proof from the business cycle, counted from Migrate's completion; it is not ticked by hand." },
    });
  });

  it("keeps what it proved when the target stops answering, and does not let Contract pass on it", async () => {
    const r = await release(target);
    const migratedAt = new Date();
    await completeMigrate(r, migratedAt, await takeStatementBaseline(r.ref, migratedAt));
    const proved = await watch(r.id, new Date(migratedAt.getTime() + MINUTE));
    expect(unreadLines(proved, new Date(migratedAt.getTime() + MINUTE))[0]).toMatchObject({ ok: true });

    // The release now watches a target where nothing listens.
    await testDb().release.update({ where: { id: r.id }, data: { targetDatabaseId: await fixtureTarget(), businessCycleDays: 0 } });
    const at = new Date(migratedAt.getTime() + 2 * MINUTE);
    const down = await watch(r.id, at);
    expect(down).toMatchObject({
      available: true,
      unreachable: true,
      reason: "Nothing is listening on 127.0.0.1:1: the connection was refused.",
      objects: proved.objects,
    });
    expect(await problems(r.id, at)).toEqual([
      expect.stringMatching(/^Switchback cannot show the old columns are unread: the target did not answer at .+ \(Nothing is listening/),
    ]);
    // A proof nobody has refreshed for a while is not a proof either.
    await testDb().stage.update({
      where: { id: r.contract.id },
      data: { proofState: { ...proved, checkedAt: migratedAt.toISOString() } as unknown as Prisma.InputJsonValue },
    });
    expect(await problems(r.id, new Date(migratedAt.getTime() + 10 * MINUTE))).toEqual([
      expect.stringMatching(/^Switchback last checked that the old columns are unread at .+; it has not looked since\.$/),
    ]);
  });
});
