import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readBuiltinMetric } from "@/lib/signals/sources/database/metrics";
import { startReplicaPair, type ReplicaPair } from "@/lib/testing/replica";

// "Replica lag" against a real streaming replica (made from a file-level base backup of a
// primary, lib/testing/replica.ts): with replay paused on the standby, writes on the primary
// arrive but are not applied, and the lag read on the replica is above 0 and grows with every
// reading; once replay resumes it comes back to 0.

const eventually = { timeout: 30_000, interval: 200 };
let pair: ReplicaPair | undefined;
let primary: pg.Client;
let replica: pg.Client;

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const lag = (client: pg.Client) => readBuiltinMetric(client, "replica_lag");

// A commit on the primary, and the moment the standby has received (not necessarily replayed) it.
async function writeAndShip(value: string) {
  await primary.query("INSERT INTO orders (note) VALUES ($1)", [value]);
  const { lsn } = (await primary.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!;
  await vi.waitFor(async () => {
    const { received } = (await replica.query("SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), $1) >= 0 AS received", [lsn])).rows[0];
    if (!received) throw new Error(`the standby has not received ${lsn} yet`);
  }, eventually);
}

beforeAll(async () => {
  pair = await startReplicaPair();
  primary = await connect(pair.primaryUrl);
  replica = await connect(pair.replicaUrl);
  await primary.query("CREATE TABLE orders (id serial PRIMARY KEY, note text NOT NULL)");
  // One replayed commit, so the replica has a last-replayed time to be behind from.
  await writeAndShip("before");
  await vi.waitFor(async () => expect((await replica.query("SELECT count(*)::int AS n FROM orders")).rows[0].n).toBe(1), eventually);
});

afterAll(async () => {
  await replica?.end().catch(() => undefined);
  await primary?.end().catch(() => undefined);
  await pair?.stop();
});

describe("Replica lag on a real streaming replica", () => {
  it("is 0 on a replica that has replayed everything it received", async () => {
    await expect.poll(() => lag(replica), eventually).toBe(0);
  });

  it("grows on the replica while replay is paused, and returns to 0 when it resumes", async () => {
    await replica.query("SELECT pg_wal_replay_pause()");
    await writeAndShip("while paused 1");
    // Requested before the write arrived, the pause takes hold before the write is applied.
    await expect.poll(async () => (await replica.query("SELECT pg_get_wal_replay_pause_state() AS s")).rows[0].s, eventually).toBe("paused");
    const first = await lag(replica);
    expect(first).toBeGreaterThan(0);
    // Nothing more is applied: the replica still shows only the row from before the pause.
    expect((await replica.query("SELECT count(*)::int AS n FROM orders")).rows[0].n).toBe(1);

    // Readings a moment apart, each after a further write: the replica falls further behind.
    await new Promise((r) => setTimeout(r, 1100));
    await writeAndShip("while paused 2");
    const second = await lag(replica);
    expect(second).toBeGreaterThan(first!);

    // The primary's view (pg_stat_replication.replay_lag) is a number of seconds, never missing:
    // a stuck replay is only seen there once the standby moves again, hence the replica's own reading.
    const fromPrimary = await lag(primary);
    expect(fromPrimary).not.toBeNull();
    expect(fromPrimary).toBeGreaterThanOrEqual(0);

    await replica.query("SELECT pg_wal_replay_resume()");
    await expect.poll(async () => (await replica.query("SELECT count(*)::int AS n FROM orders")).rows[0].n, eventually).toBe(3);
    await expect.poll(() => lag(replica), eventually).toBe(0);
  });
});
