import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { resolveClientAddress, splitForwardedFor } from "@/lib/auth/trusted-proxies";

// Failed sign-ins are counted in the database, so every instance behind a load balancer applies
// the same brake, under two keys: the client address (after FREE_FAILURES each further attempt
// from it waits longer) and the account (LOCK_AFTER failures lock it, known email or not, so the
// answer never tells whether an account exists; each lock-out in a row lasts twice as long).

const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_DELAY_MS = 8_000;
export const LOCK_AFTER = 10;
const FIRST_LOCKOUT_MS = 15 * 60 * 1000;
const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

export const addressKey = (address: string) => `address:${address}`;
export const accountKey = (email: string) => `account:${email}`;

export function delayFor(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

// The length of the n-th lock-out in a row.
export function lockoutMs(lockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (lockouts - 1), MAX_LOCKOUT_MS);
}

export async function currentFailures(db: Db, key: string, now = new Date()): Promise<number> {
  const row = await db.signInThrottle.findUnique({ where: { key }, select: { failures: true, lastFailureAt: true } });
  if (!row || now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS) return 0;
  return row.failures;
}

export async function lockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const row = await db.signInThrottle.findUnique({ where: { key: accountKey(email) }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordFailure(db: Db, key: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  // One statement, so simultaneous failures under one key all count.
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.last_failure_at < ${since} THEN 1 ELSE sign_in_throttles.failures + 1 END,
      last_failure_at = EXCLUDED.last_failure_at
    RETURNING failures`;
  return row?.failures ?? 1;
}

// Counts a failure against the account and locks it at LOCK_AFTER. Returns the lock's end when
// this failure locked it. Lock-outs grow while they follow each other within a day.
export async function recordAccountFailure(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const key = accountKey(email);
  if ((await recordFailure(db, key, now)) < LOCK_AFTER) return null;
  const dayAgo = new Date(now.getTime() - MAX_LOCKOUT_MS);
  const [row] = await db.$queryRaw<{ lockouts: number }[]>`
    UPDATE sign_in_throttles
       SET failures = 0,
           lockouts = CASE WHEN locked_until IS NULL OR locked_until < ${dayAgo} THEN 1 ELSE lockouts + 1 END
     WHERE key = ${key} AND failures >= ${LOCK_AFTER}
    RETURNING lockouts`;
  if (!row) return null; // a simultaneous failure locked it already
  const until = new Date(now.getTime() + lockoutMs(row.lockouts));
  await db.signInThrottle.update({ where: { key }, data: { lockedUntil: until } });
  return until;
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}

// The client's address, by the rule of lib/auth/trusted-proxies.ts (our server puts the socket
// peer last in X-Forwarded-For).
export function clientAddress(headers: Headers): string {
  return resolveClientAddress(splitForwardedFor(headers.get("x-forwarded-for")), env.TRUSTED_PROXIES);
}
