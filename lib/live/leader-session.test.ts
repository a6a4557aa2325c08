import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLeaderSession } from "@/lib/live/leader-session";
import { createScratchDatabase, withClient } from "@/lib/testing/db";

// One session per instance holds every leader lock of that instance: the connection budget counts
// on it, and leadership must still move to another instance when that session goes.

let url = "";
let drop: () => Promise<void>;
const eventually = { timeout: 15_000, interval: 100 };

beforeAll(async () => {
  ({ url, drop } = await createScratchDatabase());
});
afterAll(() => drop());

const sessionsNamed = (name: string) =>
  withClient(url, async (c) =>
    Number((await c.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [name])).rows[0].count),
  );

describe("a leader session", () => {
  it("holds the locks of all its loops on one connection, which another instance cannot take", async () => {
    const instanceA = createLeaderSession(url, "leader-a");
    const instanceB = createLeaderSession(url, "leader-b");
    const a = [1, 2, 3].map((key) => instanceA.lock(9000 + key, () => undefined));
    const b = [1, 2, 3].map((key) => instanceB.lock(9000 + key, () => undefined));
    for (const lock of a) expect(await lock.check()).toBe(true);
    for (const lock of b) expect(await lock.check()).toBe(false);
    expect(await sessionsNamed("leader-a")).toBe(1);

    // One loop stepping down frees only its own lock.
    await a[0]!.release();
    expect(await b[0]!.check()).toBe(true);
    expect(await b[1]!.check()).toBe(false);
    for (const lock of [...a.slice(1), ...b]) await lock.release();
    expect(await sessionsNamed("leader-a")).toBe(0);
  });

  it("loses every lock when its connection is killed, and another instance takes over", async () => {
    const logs: string[] = [];
    const instanceA = createLeaderSession(url, "leader-killed");
    const instanceB = createLeaderSession(url, "leader-standby");
    const a = [instanceA.lock(9101, (m) => logs.push(`x ${m}`)), instanceA.lock(9102, (m) => logs.push(`y ${m}`))];
    const b = [instanceB.lock(9101, () => undefined), instanceB.lock(9102, () => undefined)];
    for (const lock of a) expect(await lock.check()).toBe(true);

    await withClient(url, (c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'leader-killed'"));
    await expect.poll(() => logs.filter((m) => m.includes("Lost the leader lock")).length, eventually).toBe(2);
    expect(a.map((lock) => lock.held())).toEqual([false, false]);
    for (const lock of b) await expect.poll(() => lock.check(), eventually).toBe(true);
    for (const lock of a) expect(await lock.check()).toBe(false);
    for (const lock of [...a, ...b]) await lock.release();
  });
});
