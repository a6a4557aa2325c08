import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { targetPool, type pg } from "@/lib/db/pg";
import { unseal } from "@/lib/targets/seal";

// The instance's connections to target databases: one pool of at most two per target, shared by
// everything that reads a target (Database signals, schema checks, the Contract proof), so an
// instance never holds more than two sessions on a team's production database whatever it polls.
//
// Work waits its turn in a queue per target *before* it asks the pool for a session: pg.Pool's
// connectionTimeoutMillis (3 s, lib/db/pg.ts) is also how long it lets a caller wait for a free
// slot, so a caller queued inside the pool behind two slow SQL signals would fail with "timeout
// exceeded when trying to connect" and be reported as an unreachable target. With the queue in
// front, the pool never has a waiter and its timeout only ever measures a real connect.

export const CONNECTIONS_PER_TARGET = 2;

interface Entry {
  sealedUrl: string;
  pool: pg.Pool;
  queue: LimitFunction;
  // When a connect last failed (epoch ms), cleared by the next that succeeds.
  failedAt?: number;
}

const state = globalThis as unknown as { switchbackTargetPools?: Map<string, Entry> };
const pools = (state.switchbackTargetPools ??= new Map());

export interface TargetRef {
  id: string;
  sealedUrl: string;
}

function entryFor(target: TargetRef): Entry {
  const found = pools.get(target.id);
  if (found?.sealedUrl === target.sealedUrl) return found;
  // A target re-added under the same id with another URL: the old sessions go.
  if (found) void found.pool.end().catch(() => undefined);
  const entry = { sealedUrl: target.sealedUrl, pool: targetPool(unseal(target.sealedUrl), CONNECTIONS_PER_TARGET), queue: pLimit(CONNECTIONS_PER_TARGET) };
  pools.set(target.id, entry);
  return entry;
}

/** Runs `work` on one of the target's (at most two) read-only sessions, after the work queued before it. */
// async: a URL this server cannot unseal rejects like a target that does not answer, never throws at the call.
export async function withTarget<T>(target: TargetRef, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const entry = entryFor(target);
  return entry.queue(async () => {
    // At most CONNECTIONS_PER_TARGET callers get here at once, and a released session is back in
    // the pool (or removed from its count) before the next one does: connect() never waits for a slot.
    let client: pg.PoolClient;
    try {
      client = await entry.pool.connect();
    } catch (error) {
      entry.failedAt = Date.now();
      throw error;
    }
    entry.failedAt = undefined;
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      // A session that failed mid-query (a timeout, a dropped connection) is not reused.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  });
}

/** Whether the latest connect to the target, made at or after `since` (epoch ms), failed: it did not answer. */
export function unreachableSince(targetId: string, since: number): boolean {
  const failedAt = pools.get(targetId)?.failedAt;
  return failedAt !== undefined && failedAt >= since;
}

/** Closes the pools of targets that are no longer watched (removed, or no live release names them). */
export async function closeTargetPools(keep: ReadonlySet<string> = new Set()): Promise<void> {
  const gone = [...pools].filter(([id]) => !keep.has(id));
  for (const [id] of gone) pools.delete(id);
  await Promise.all(gone.map(([, entry]) => entry.pool.end().catch(() => undefined)));
}

/** Sessions this instance has open on each target, for the connection-budget test and bench. */
export function targetSessionCounts(): Map<string, number> {
  return new Map([...pools].map(([id, entry]) => [id, entry.pool.totalCount]));
}
