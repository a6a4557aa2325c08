import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/permissions";
import type { TestUser } from "./fixtures";

// What the cluster tests on a database of their own need from the suite's fixtures, on that
// database: users, pushes that say how they were answered, and the audit chain's verdict.

export async function makeUserIn(db: Db, role: Role): Promise<TestUser> {
  const password = randomUUID();
  const email = `${role.toLowerCase()}-${randomUUID()}@cluster.switchback.test`;
  const name = `Cluster ${role.toLowerCase()} ${email.slice(role.length + 1, role.length + 7)}`;
  const user = await db.user.create({ data: { email, name, role, passwordHash: await hashPassword(password) }, select: { id: true } });
  return { id: user.id, email, name, role, password };
}

export interface Pushed {
  at: string;
  value: number;
  // The HTTP status, or 0 when the connection failed (an instance killed under the request).
  status: number;
  // Its Retry-After header, if it had one (a 503).
  retryAfter?: string | null;
  // Why there was no answer at all.
  error?: string;
}

// One sample of `error_rate` pushed to `url` (the balancer or one instance), with its own time.
export async function pushSample(url: string, releaseId: string, token: string, value: number, at = new Date()): Promise<Pushed> {
  const sample = { signal: "error_rate", value, at: at.toISOString() };
  try {
    const response = await fetch(`${url}/api/v1/releases/${releaseId}/signals`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify([sample]),
    });
    await response.body?.cancel();
    return { ...sample, status: response.status, retryAfter: response.headers.get("retry-after") };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ...sample, status: 0, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

// A time after every earlier one handed out: each pushed sample is told apart by its time.
export function distinctTimes() {
  let last = 0;
  return () => new Date((last = Math.max(Date.now(), last + 1)));
}

// The admin's "Verify the audit chain" (POST /api/v1/audit/verify), from a signed-in page.
export async function verifyAuditChain(page: Page, origin: string): Promise<{ ok: boolean; reason?: string }> {
  const response = await page.request.post("/api/v1/audit/verify", { headers: { Origin: origin } });
  return (await response.json()) as { ok: boolean; reason?: string };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The first non-null value `probe` gives within `ms`, looked at every 100 ms.
export async function eventually<T>(probe: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await sleep(100);
  }
}
