import pg from "pg";
import type { Db, Tx } from "@/lib/db";
import { POOL_WAIT_MS } from "@/lib/db/unavailable";
import { env } from "@/lib/env";

// Plain SQL for the hot paths (the kill switch, the audit append). Prisma costs about 0.7 ms per
// statement here against 0.13 ms for node-postgres, and a flip is a dozen statements. Code written
// against `Sql` runs unchanged inside a Prisma transaction or a plain pg one.

export interface Sql {
  // `name` prepares the statement once per connection (hot paths skip parsing and planning).
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
}

const isPrisma = (db: Db | Tx | Sql): db is Db | Tx => "$queryRawUnsafe" in db;

export function asSql(db: Db | Tx | Sql): Sql {
  if (!isPrisma(db)) return db;
  return { query: <T,>(text: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(text, ...params) };
}

const cache = globalThis as unknown as { switchbackPool?: pg.Pool };

// The shared pool itself, for the rare reader that needs a connection of its own (a COPY stream).
export function pgPool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start Switchback with `npm start`, which provides one.");
  if (!cache.switchbackPool) {
    cache.switchbackPool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10, connectionTimeoutMillis: POOL_WAIT_MS });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    cache.switchbackPool.on("error", () => undefined);
  }
  return cache.switchbackPool;
}

export async function closeSqlPool(): Promise<void> {
  await cache.switchbackPool?.end();
  cache.switchbackPool = undefined;
}

// Single statements outside a transaction, on the shared pool.
export function sqlPool(): Sql {
  return { query: async <R,>(text: string, params: unknown[] = [], name?: string) => (await pgPool().query({ text, values: params, name })).rows as R[] };
}

export async function withSqlTransaction<T>(work: (sql: Sql) => Promise<T>, source: pg.Pool = pgPool()): Promise<T> {
  const client = await source.connect();
  const sql: Sql = { query: async <R,>(text: string, params: unknown[] = [], name?: string) => (await client.query({ text, values: params, name })).rows as R[] };
  try {
    await client.query("BEGIN");
    const result = await work(sql);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
