import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPool } from "@/lib/db/pg";
import { env } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Connections per instance: this pool, one LISTEN session (lib/live/listener.ts) and one session
// shared by every leader loop (lib/live/leader.ts): POOL_SIZE + 2 = 12, stated in the README.
export const POOL_SIZE = 10;

// On globalThis like the client itself: Next.js may load this module once per bundle, and the
// route that asks for the pool must find the one the cached client runs on.
const pools = ((globalThis as unknown as { switchbackPools?: WeakMap<PrismaClient, pg.Pool> }).switchbackPools ??= new WeakMap());

export function createDb(connectionString: string, max = POOL_SIZE): PrismaClient {
  const pool = createPool(connectionString, max);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

function createClient(): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Switchback with `npm start`, which provides one.");
  }
  return createDb(env.DATABASE_URL);
}

// One client per process; cached on globalThis so dev-mode reloads do not open new pools.
const cache = globalThis as unknown as { switchbackDb?: PrismaClient };

export function getDb(): PrismaClient {
  cache.switchbackDb ??= createClient();
  return cache.switchbackDb;
}

// The pool under a client, for the one reader Prisma cannot serve: a COPY stream.
export function poolOf(client: PrismaClient = getDb()): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("This Prisma client was not made by createDb.");
  return pool;
}

// The pool of this process's client if it has been made (a scrape of /metrics must not make one).
export const openPool = (): pg.Pool | undefined => (cache.switchbackDb ? pools.get(cache.switchbackDb) : undefined);

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  // `"$queryRawUnsafe" in db` must see the real client (lib/db/sql.ts tells Prisma from a Sql by it).
  has(_target, property) {
    return Reflect.has(getDb(), property);
  },
});
