import pg from "pg";
import { parse } from "pg-connection-string";
import { POOL_WAIT_MS } from "@/lib/db/unavailable";

// The one module that speaks node-postgres directly. Everything else goes through Prisma; raw
// connections exist only where Prisma cannot go: a LISTEN session, the session advisory locks
// of leader election, and a COPY stream (borrowed from the pool Prisma itself runs on, so it
// counts against the same budget).

// Connections kept open through a quiet spell. A pool left idle for 10 s closed them all, and the
// first click after it (a person turning the flag off in an incident that started quietly) paid
// for opening two or three (TCP, authentication, Prisma's setup) before its flip could commit:
// the slow rounds of `npm run bench:kill-switch`. Three is what one flip holds at once (its
// transaction, the session read, the signal snapshot); they count within `max`.
const WARM_CONNECTIONS = 3;

export function createPool(connectionString: string, max: number, idleTimeoutMillis = 10_000): pg.Pool {
  // A bounded wait for a free connection: with every one busy, a request fails as UNAVAILABLE
  // (503, retry) after this long instead of hanging, as the mutation path's transaction maxWait does.
  const pool = new pg.Pool({
    connectionString,
    max,
    min: Math.min(WARM_CONNECTIONS, max),
    idleTimeoutMillis,
    connectionTimeoutMillis: POOL_WAIT_MS,
    application_name: "switchback",
  });
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

// How every session on a target database (lib/targets/) is opened: Switchback only ever reads it.
// Only the address and credentials are taken from the admin's URL: pg lets a URL's query override
// any setting (`?options=-c default_transaction_read_only=off`), and these must hold.
//
// Nothing comes from this server's environment either: for whatever a URL leaves out, pg would take
// PGUSER, PGPASSWORD, PGDATABASE, PGPORT and ~/.pgpass — Switchback's own credentials, sent to a host an admin
// typed. pg treats an empty value as absent, so the user is never empty, and the password is given as
// a function (which pg calls instead of reading PGPASSWORD or ~/.pgpass) returning the URL's, or none.
// A URL with no user signs in as the read-only role the README has the team create, not as PGUSER.
export const TARGET_DEFAULT_USER = "switchback_reader";

function targetConfig(url: string): pg.ClientConfig {
  const { host, port, user, password, database, ssl } = parse(url);
  const role = user || TARGET_DEFAULT_USER;
  return {
    host: host ?? undefined,
    // PostgreSQL's own default, as the admin's page shows it (lib/targets/url.ts), never PGPORT.
    port: port ? Number(port) : 5432,
    user: role,
    password: () => password ?? "",
    database: database || role,
    // As pg would take it from the URL itself (sslmode, sslrootcert and the like).
    ssl: (ssl ?? undefined) as pg.ClientConfig["ssl"],
    options: "-c default_transaction_read_only=on -c statement_timeout=2000 -c lock_timeout=100",
    application_name: "switchback",
    connectionTimeoutMillis: 3000,
    // Beyond statement_timeout: a server that stops answering mid-query does not hold us.
    query_timeout: 3000,
  };
}

// A short-lived session on a target ("Test connection").
export function targetClient(url: string): pg.Client {
  return new pg.Client(targetConfig(url));
}

// The watcher's connections to one target: at most `max` (2 by the product's rule) per instance,
// closed when idle so a target nobody watches holds no session open.
export function targetPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ ...targetConfig(url), max, idleTimeoutMillis: 30_000 });
  // A target that restarts or drops us must not crash the process; the next poll reconnects.
  pool.on("error", () => undefined);
  return pool;
}

// One short session for set-up work (roles, the demo's shop, a bench's cluster), closed after.
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type { pg };
