import { describe, expect, it } from "vitest";
import { FORGET_MS, pollReleaseSignals } from "@/lib/signals/sources/database/poll";
import { watchOnce } from "@/lib/targets/watch/loop";
import { databaseSignalBed } from "@/lib/testing/database-signals";
import { testDb, withClient } from "@/lib/testing/db";

// Database signals read from a real second PostgreSQL cluster (the target), through the watcher's
// own read-only sessions; the sessions that make locks and deadlocks are the target's superuser.

const eventually = { timeout: 15_000, interval: 200 };
const bed = databaseSignalBed();
const { session, release, watched, pollRelease, signalState, lastValue } = bed;

describe("built-in database signals", () => {
  it("shows a real lock wait after one watcher pass, and the transaction holding the lock", async () => {
    const holder = await session();
    const waiter = await session();
    await holder.query("BEGIN");
    await holder.query("UPDATE users SET first_name = 'Ada L.' WHERE id = 1");
    const blocked = waiter.query("UPDATE users SET first_name = 'Ada B.' WHERE id = 1");
    await expect
      .poll(() => withClient(bed.target().url, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted")).rows[0].n), eventually)
      .toBeGreaterThanOrEqual(1);

    const { id, signal } = await release([
      { key: "lock_waits", dbMetric: "lock_waits" },
      { key: "longest_transaction", dbMetric: "longest_transaction", unit: "SECONDS" },
    ]);
    await watchOnce(testDb());
    expect(await lastValue(signal.lock_waits!)).toBeGreaterThanOrEqual(1);
    expect(await lastValue(signal.longest_transaction!)).toBeGreaterThan(0);
    expect((await signalState(signal.lock_waits!)).lastError).toBeNull();

    await holder.query("ROLLBACK");
    await blocked;
    await pollRelease(id);
    expect(await lastValue(signal.lock_waits!)).toBe(0);
  });

  it("reads connections used as a sane percentage", async () => {
    const { id, signal } = await release([{ key: "connections_used", dbMetric: "connections_used", unit: "PERCENT" }]);
    await pollRelease(id);
    const value = await lastValue(signal.connections_used!);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(100);
  });

  it("turns the deadlock counter into a rate: no sample at first, then deadlocks per minute", async () => {
    const { id, signal } = await release([{ key: "deadlocks", dbMetric: "deadlocks" }]);
    await pollRelease(id);
    expect(await signalState(signal.deadlocks!)).toEqual({ lastError: null, samples: [] });

    const [a, b] = [await session(), await session()];
    await a.query("BEGIN; UPDATE users SET first_name = first_name WHERE id = 2");
    await b.query("BEGIN; UPDATE users SET first_name = first_name WHERE id = 3");
    const outcomes = Promise.allSettled([
      a.query("UPDATE users SET first_name = first_name WHERE id = 3"),
      b.query("UPDATE users SET first_name = first_name WHERE id = 2"),
    ]);
    await expect.poll(async () => (await outcomes).filter((o) => o.status === "rejected").length, eventually).toBe(1);
    await a.query("ROLLBACK");
    await b.query("ROLLBACK");

    const pollAndRead = async () => {
      await pollRelease(id);
      return Math.max(0, ...(await signalState(signal.deadlocks!)).samples.map((s) => s.value));
    };
    await expect.poll(pollAndRead, eventually).toBeGreaterThan(0);
  });

  it("forgets a deadlock total not read for ten minutes: the next reading starts a new rate", async () => {
    const { id, signal } = await release([{ key: "deadlocks", dbMetric: "deadlocks" }]);
    const at = async (ms: number) => pollReleaseSignals(testDb(), (await watched(id))!, new Date(Date.now() + ms));
    const count = async () => (await signalState(signal.deadlocks!)).samples.length;
    await at(0);
    await at(60_000);
    expect(await count()).toBe(1);
    await at(60_000 + FORGET_MS + 1000);
    expect(await count()).toBe(1);
    await at(60_000 + FORGET_MS + 3000);
    expect(await count()).toBe(2);
  });
});

describe("SQL signals", () => {
  it("returns the backfill progress from a real table", async () => {
    const sql = "SELECT 100.0 * count(*) FILTER (WHERE first_name IS NOT NULL) / greatest(count(*), 1) FROM users";
    const { id, signal } = await release([{ key: "backfill", dbMetric: "sql", dbSql: sql, unit: "PERCENT" }]);
    await pollRelease(id);
    expect(await signalState(signal.backfill!)).toEqual({ lastError: null, samples: [{ value: 75 }] });
  });

  it.each([
    ["UPDATE users SET first_name = 'x'", "A SQL signal must be a SELECT; this is an UPDATE."],
    ["SELECT * INTO stolen FROM users", "SELECT … INTO creates a table; a SQL signal may only read."],
    ["SELECT 1; DELETE FROM users", "A SQL signal is one SELECT statement; this has 2 statements."],
    ["WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone", "Its WITH clause runs a DELETE; a SQL signal may only read."],
    ["SELECT count(*) FROM users FOR UPDATE", "FOR UPDATE and FOR SHARE take row locks; a SQL signal may only read."],
  ])("refuses %j without running it, saying why", async (dbSql, sentence) => {
    // Stored directly, as an older row might be: the poller checks again before it runs anything.
    const { id, signal } = await release([{ key: "refused", dbMetric: "sql", dbSql }]);
    await pollRelease(id);
    expect(await signalState(signal.refused!)).toEqual({ lastError: sentence, samples: [] });
    const rows = await withClient(
      bed.target().url,
      async (c) => (await c.query("SELECT count(*)::int AS n FROM users WHERE first_name IS NOT DISTINCT FROM 'x'")).rows[0].n,
    );
    expect(rows).toBe(0);
    expect(await withClient(bed.target().url, async (c) => (await c.query("SELECT to_regclass('stolen') AS t")).rows[0].t)).toBeNull();
  });

  it.each([
    ["SELECT id FROM users", "The query returned 4 rows; it must return exactly one number."],
    ["SELECT 1, 2", "The query returned 2 columns; it must return exactly one number."],
    ["SELECT first_name FROM users WHERE id = 1", "The query returned something other than a number; cast it, e.g. count(*)::int."],
    ["SELECT max(id) FROM users WHERE id > 100", "The query returned NULL; it must return exactly one number (coalesce it to 0 if that is what none means)."],
  ])("wants exactly one number from %j", async (dbSql, sentence) => {
    const { id, signal } = await release([{ key: "shape", dbMetric: "sql", dbSql }]);
    await pollRelease(id);
    expect(await signalState(signal.shape!)).toEqual({ lastError: sentence, samples: [] });
  });

  it("leaves the shared session read-only even when a query turns the setting off", async () => {
    const { id, signal } = await release([
      { key: "a_switch_off", dbMetric: "sql", dbSql: "SELECT length(set_config('default_transaction_read_only', 'off', false))" },
      { key: "b_still_read_only", dbMetric: "sql", dbSql: "SELECT (current_setting('default_transaction_read_only') = 'on')::int" },
      { key: "c_write", dbMetric: "sql", dbSql: "SELECT nextval('ticket')" },
    ]);
    await pollRelease(id);
    expect(await lastValue(signal.a_switch_off!)).toBe(3);
    expect(await lastValue(signal.b_still_read_only!)).toBe(1);
    expect(await signalState(signal.c_write!)).toEqual({ lastError: "The query tried to write; the target is read-only for Switchback.", samples: [] });
  });

  it("never shows a row of the target in the error, but does name a column the query lacks", async () => {
    const { id, signal } = await release([
      { key: "a_cast", dbMetric: "sql", dbSql: "SELECT (SELECT first_name FROM users WHERE id = 2)::int" },
      { key: "b_before_expand", dbMetric: "sql", dbSql: "SELECT count(*) FILTER (WHERE last_name IS NOT NULL) FROM users" },
    ]);
    await pollRelease(id);
    const cast = await signalState(signal.a_cast!);
    expect(cast.lastError).not.toContain("Grace");
    expect(cast).toEqual({
      lastError:
        "The query failed on the target's data (SQLSTATE 22P02 invalid_text_representation). Switchback does not show the server's message, which can contain row values.",
      samples: [],
    });
    expect(await signalState(signal.b_before_expand!)).toEqual({ lastError: 'The query failed: column "last_name" does not exist.', samples: [] });
  });

  it("leaves no advisory lock held on the shared session", async () => {
    const { id, signal } = await release([{ key: "locker", dbMetric: "sql", dbSql: "SELECT length(pg_advisory_lock(4242)::text) + 1" }]);
    await pollRelease(id);
    expect(await signalState(signal.locker!)).toEqual({ lastError: null, samples: [{ value: 1 }] });
    const held = await withClient(bed.target().url, async (c) => {
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                      WHERE l.locktype = 'advisory' AND a.application_name = 'switchback'`);
      return rows[0].n;
    });
    expect(held).toBe(0);
  });
});
