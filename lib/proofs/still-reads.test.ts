import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeStatementBaseline } from "@/lib/proofs/baseline";
import { droppedObjects } from "@/lib/proofs/drops";
import { unreadLines } from "@/lib/proofs/lines";
import { completeMigrate, CONTRACT_SQL, createUsers, MINUTE, problems, proofRelease, proofTrail, run, watch } from "@/lib/proofs/proof-fixtures";
import { rememberReferences } from "@/lib/proofs/references";
import { unreadObjects } from "@/lib/proofs/unread";
import { withClient } from "@/lib/testing/db";
import { liveTarget, type LiveTarget } from "@/lib/testing/targets";

// "Still reads" over time, against a real target: a job that reads the dropped column every minute
// is a reader all along, and a reset of pg_stat_statements does not make a reader look quiet.

const READ = "SELECT full_name FROM users WHERE id = $id";
let target: LiveTarget;

beforeAll(async () => {
  target = await liveTarget();
  await createUsers(target);
});
afterAll(async () => {
  await target?.drop();
});

const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE);
const lineAt = async (releaseId: string, now: Date) => unreadLines(await watch(releaseId, now), now)[0]!;

describe("a statement that still reads the dropped column", () => {
  it("stays a reader while it runs once a minute, and is unread only after 15 quiet minutes, with one audit event each way", async () => {
    const r = await proofRelease(target);
    const migratedAt = new Date();
    await completeMigrate(r, migratedAt, await takeStatementBaseline(r.ref, migratedAt));
    for (let minute = 1; minute <= 5; minute++) {
      await run(target, READ, 1);
      expect(await lineAt(r.id, at(migratedAt, minute))).toMatchObject({ ok: false, line: "1 statement still reads users.full_name." });
      // Between two runs of the job nothing moved, and it is still a reader.
      expect(await lineAt(r.id, at(migratedAt, minute + 0.75))).toMatchObject({ ok: false, line: "1 statement still reads users.full_name." });
    }
    expect(await problems(r.id, at(migratedAt, 5.75))).toContain("The old columns are still read: 1 statement still reads users.full_name.");

    // The job stops after its run at minute 5.
    expect(await lineAt(r.id, at(migratedAt, 19))).toMatchObject({ ok: false });
    const quiet = await lineAt(r.id, at(migratedAt, 20));
    expect(quiet).toMatchObject({ ok: true, line: expect.stringMatching(/^No statement has read users\.full_name for 15 min \(last read at .+ UTC\)\.$/) });
    expect(quiet.statements).toEqual([expect.objectContaining({ calls: 5, reading: false, lastCalledAt: at(migratedAt, 5).toISOString() })]);
    expect(await proofTrail(r.id)).toEqual([
      expect.objectContaining({ holds: false, stillRead: ["users.full_name"] }),
      expect.objectContaining({ holds: true, stillRead: [] }),
    ]);
  });

  it("sees reads after pg_stat_statements is reset, though the counts start below the snapshot", async () => {
    const r = await proofRelease(target);
    // A statement read often before Migrate completed: the snapshot holds a large count.
    await run(target, READ, 40);
    const migratedAt = new Date();
    await completeMigrate(r, migratedAt, await takeStatementBaseline(r.ref, migratedAt));
    await run(target, READ, 2);
    expect(await lineAt(r.id, at(migratedAt, 1))).toMatchObject({ ok: false, statements: [expect.objectContaining({ calls: 2 })] });
    expect(await lineAt(r.id, at(migratedAt, 20))).toMatchObject({ ok: true });

    // Someone resets this database's statistics, then the reader runs again: 3 calls, far below 42.
    await withClient(target.url, (c) => c.query("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)"));
    expect(await lineAt(r.id, at(migratedAt, 21))).toMatchObject({ ok: true });
    await run(target, READ, 3);
    const again = await lineAt(r.id, at(migratedAt, 22));
    expect(again).toMatchObject({ ok: false, line: "1 statement still reads users.full_name." });
    // The calls since Migrate completed add up across the reset.
    expect(again.statements).toEqual([expect.objectContaining({ calls: 5, reading: true, lastCalledAt: at(migratedAt, 22).toISOString() })]);
  });
});

describe("a statement whose text says nothing certain", () => {
  it("counts as a read when its text does not parse but names the table, or when pg_stat_statements has no text for it", () => {
    const now = new Date();
    const c = {
      drops: droppedObjects(CONTRACT_SQL),
      baseline: { available: true as const, takenAt: now.toISOString(), calls: {} },
      previous: null,
      since: null,
      now,
    };
    const refsKey = (queryid: string) => `unparsed-test:${queryid}`;
    rememberReferences(refsKey("1"), "SELECT full_name FROM users WHERE id = $1 AND");
    rememberReferences(refsKey("2"), "SELECT broken FROM orders WHERE");
    const statements = ["1", "2", "3"].map((queryid, i) => ({ key: `10:1:${queryid}`, queryid, calls: i + 1 }));
    const { objects } = unreadObjects(statements, refsKey, new Map([["3", null]]), c);
    expect(objects).toEqual([
      expect.objectContaining({
        name: "users.full_name",
        stillReading: 2,
        statements: [
          expect.objectContaining({ query: "", calls: 3, note: "pg_stat_statements has no text for it; counted as a read." }),
          expect.objectContaining({ query: "SELECT full_name FROM users WHERE id = $1 AND", calls: 1, note: "Could not be parsed; counted as a read." }),
        ],
      }),
    ]);
  });
});
