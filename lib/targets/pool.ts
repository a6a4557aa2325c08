import "server-only";
import { targetPool, type pg } from "@/lib/db/pg";
import { unseal } from "@/lib/targets/seal";

// The instance's connections to target databases: one pool of at most two per target, shared by
// everything that reads a target (Database signals, schema checks, the Contract proof), so an
// instance never holds more than two sessions on a team's production database whatever it polls.

export const CONNECTIONS_PER_TARGET = 2;

interface Entry {
  sealedUrl: string;
  pool: pg.Pool;
}

const state = globalThis as unknown as { switchbackTargetPools?: Map<string, Entry> };
const pools = (state.switchbackTargetPools ??= new Map());

export interface TargetRef {
  id: string;
  sealedUrl: string;
}

function poolFor(target: TargetRef): pg.Pool {
  const found = pools.get(target.id);
  if (found?.sealedUrl === target.sealedUrl) return found.pool;
  // A target re-added under the same id with another URL: the old sessions go.
  if (found) void found.pool.end().catch(() => undefined);
  const pool = targetPool(unseal(target.sealedUrl), CONNECTIONS_PER_TARGET);
  pools.set(target.id, { sealedUrl: target.sealedUrl, pool });
  return pool;
}

/** Runs `work` on one of the target's (at most two) read-only sessions. */
export async function withTarget<T>(target: TargetRef, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await poolFor(target).connect();
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
