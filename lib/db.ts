import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { POOL_WAIT_MS } from "@/lib/db/unavailable";
import { env } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(connectionString: string, max = 10): PrismaClient {
  // A bounded wait for a free connection: with every one busy, a request fails as UNAVAILABLE
  // (503, retry) after this long instead of hanging, as the mutation path's transaction maxWait does.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max, connectionTimeoutMillis: POOL_WAIT_MS }) });
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

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  // `"$queryRawUnsafe" in db` must see the real client (lib/db/sql.ts tells Prisma from pg by it).
  has(_target, property) {
    return Reflect.has(getDb(), property);
  },
});
