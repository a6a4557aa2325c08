import type { Db } from "@/lib/db";

// Failed sign-ins are counted per client address in the database, so every instance behind a
// load balancer applies the same brake. After FREE_FAILURES, each further attempt from that
// address waits longer (doubling, capped), whether or not it then succeeds.

const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_DELAY_MS = 8_000;

export function delayFor(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

export async function currentFailures(db: Db, address: string, now = new Date()): Promise<number> {
  const row = await db.signInThrottle.findUnique({ where: { address }, select: { failures: true, lastFailureAt: true } });
  if (!row || now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS) return 0;
  return row.failures;
}

export async function recordFailure(db: Db, address: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  // One statement, so simultaneous failures from one address all count.
  await db.$executeRaw`
    INSERT INTO sign_in_throttles (address, failures, last_failure_at) VALUES (${address}, 1, ${now})
    ON CONFLICT (address) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.last_failure_at < ${since} THEN 1 ELSE sign_in_throttles.failures + 1 END,
      last_failure_at = EXCLUDED.last_failure_at`;
}

export async function clearFailures(db: Db, address: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { address } });
}

// The address as seen by the nearest hop: the last X-Forwarded-For entry (Next.js sets it from
// the socket when no proxy did), so a client cannot pick its own address behind a proxy.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || "unknown";
}
