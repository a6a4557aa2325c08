import pg from "pg";
import { POOL_WAIT_MS } from "@/lib/db/unavailable";

// The one module that speaks node-postgres directly. Everything else goes through Prisma; raw
// connections exist only where Prisma cannot go: a LISTEN session, the session advisory locks
// of leader election, and a COPY stream (borrowed from the pool Prisma itself runs on, so it
// counts against the same budget).

export function createPool(connectionString: string, max: number): pg.Pool {
  // A bounded wait for a free connection: with every one busy, a request fails as UNAVAILABLE
  // (503, retry) after this long instead of hanging, as the mutation path's transaction maxWait does.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: POOL_WAIT_MS, application_name: "switchback" });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", () => undefined);
  return pool;
}

// A connection of its own whose session state matters (LISTEN, session advisory locks). keepAlive
// lets a dead network show itself instead of leaving a session that only looks alive.
export function sessionClient(connectionString: string | undefined, name: string): pg.Client {
  return new pg.Client({ connectionString, application_name: name, keepAlive: true });
}

export type { pg };
