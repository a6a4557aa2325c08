// Tells "the database cannot serve us right now" (down, restarting, failing over, or every
// connection busy) from a bug. The first is the caller's cue to retry in a moment (HTTP 503),
// the second a 500. Errors arrive from three layers, each wrapping the one below in `cause`:
// Prisma (P-codes), its driver adapter (a `kind`), and node-postgres or the socket (SQLSTATE,
// errno). Pure, so lib/errors.ts can use it on any runtime.

export type Unavailability = "unreachable" | "busy";

// How long a query waits for a free pooled connection before failing as "busy" rather than
// hanging; the same as the mutation path's transaction maxWait.
export const POOL_WAIT_MS = 10_000;

// Prisma: P1001 can't reach, P1002/P1008 timed out, P1017 server closed the connection,
// P2024 timed out waiting for a pooled connection, P2028 could not start a transaction in time.
const PRISMA: Record<string, Unavailability> = {
  P1001: "unreachable",
  P1002: "unreachable",
  P1008: "busy",
  P1017: "unreachable",
  P2024: "busy",
  P2028: "busy",
};

// @prisma/driver-adapter-utils error kinds.
const ADAPTER: Record<string, Unavailability> = {
  DatabaseNotReachable: "unreachable",
  ConnectionClosed: "unreachable",
  SocketTimeout: "busy",
  TooManyConnections: "busy",
};

// PostgreSQL: 53300 too many connections, 53400 configuration limit, 57P01–57P03 shutting down or
// starting up, and class 08, connection exceptions.
const SQLSTATE: Record<string, Unavailability> = { "53300": "busy", "53400": "busy", "57P01": "unreachable", "57P02": "unreachable", "57P03": "unreachable" };

const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN", "ENOTFOUND"]);

// node-postgres reports these as plain messages, without a code.
const PG_MESSAGES: [RegExp, Unavailability][] = [
  [/timeout exceeded when trying to connect/i, "busy"],
  [/too many clients/i, "busy"],
  [/Connection terminated/i, "unreachable"],
  [/is not queryable/i, "unreachable"],
];

type Inspectable = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

function classifyOne(error: Inspectable): Unavailability | null {
  const code = typeof error.code === "string" ? error.code : "";
  if (error.name === "PrismaClientInitializationError") return "unreachable";
  if (PRISMA[code]) return PRISMA[code]!;
  if (typeof error.kind === "string" && ADAPTER[error.kind]) return ADAPTER[error.kind]!;
  if (SQLSTATE[code]) return SQLSTATE[code]!;
  if (/^08[0-9A-Z]{3}$/.test(code)) return "unreachable";
  if (ERRNO.has(code)) return "unreachable";
  const message = typeof error.message === "string" ? error.message : "";
  return PG_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/** Whether (and how) the error means the database cannot serve right now; null for anything else. */
export function databaseUnavailability(error: unknown): Unavailability | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const next = queue.shift();
    if (typeof next !== "object" || next === null || seen.has(next)) continue;
    seen.add(next);
    const inspectable = next as Inspectable;
    const found = classifyOne(inspectable);
    if (found) return found;
    queue.push(inspectable.cause, inspectable.meta?.driverAdapterError);
    if (Array.isArray(inspectable.errors)) queue.push(...inspectable.errors);
  }
  return null;
}
