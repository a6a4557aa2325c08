import pLimit from "p-limit";
import { createHmac } from "node:crypto";
import { LOCK } from "@/lib/db/locks";
import type { Db } from "@/lib/db";
import { envAllowPrivate, type AllowPrivate } from "@/lib/notify/address-policy";
import { deliver, type Outcome } from "@/lib/notify/deliver";
import { startLeaderLoop, type LeaderLoop, type LeaderShared } from "@/lib/live/leader";
import { countWebhookFailures } from "@/lib/metrics/record";

// Sends what the outbox (webhooks.ts) queued. Delivery bookkeeping is not audited: a retry is the
// system doing its job, not a person changing state; admins see it under "Recent deliveries".

const BATCH = 20;
const PARALLEL = 8;
const DEFAULT_TIMEOUT_MS = 5000;
// A claim hides a delivery from other dispatchers; it must outlast the batch's slowest round of sends,
// and if this process dies mid-batch the delivery simply comes due again when the lease ends.
const MIN_LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 10 * 60_000;

interface Claimed {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

export function signatureFor(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

// 1 s, 2 s, 4 s …; the jitter keeps many deliveries to one recovering receiver from arriving in step.
function backoffMs(attempts: number): number {
  const base = Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
  return base + Math.floor(Math.random() * base * 0.1);
}

function post(delivery: Claimed, timeoutMs: number, allowPrivate: AllowPrivate): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload);
  // Wall-clock seconds: receivers compare it with their own clock to refuse replays.
  const timestamp = String(Math.floor(Date.now() / 1000));
  return deliver({
    url: delivery.url,
    body,
    timeoutMs,
    allowPrivate,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Switchback-Webhooks",
      "X-Switchback-Event": delivery.event,
      "X-Switchback-Delivery": delivery.id,
      "X-Switchback-Timestamp": timestamp,
      "X-Switchback-Signature": signatureFor(delivery.secret, timestamp, body),
    },
  });
}

// Claims due deliveries by pushing their due time past the lease. SKIP LOCKED lets two dispatchers
// claim at once without waiting on or double-claiming each other's rows.
function claimDue(db: Db, now: Date, leaseMs: number): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d SET next_attempt_at = ${leaseUntil}::timestamptz
    FROM webhooks w
    WHERE w.id = d.webhook_id AND d.id IN (
      SELECT q.id FROM webhook_deliveries q JOIN webhooks qw ON qw.id = q.webhook_id
      WHERE q.status = 'PENDING' AND q.next_attempt_at <= ${now}::timestamptz AND qw.enabled
      ORDER BY q.next_attempt_at LIMIT ${BATCH}
      FOR UPDATE OF q SKIP LOCKED)
    RETURNING d.id::text AS id, d.event, d.payload, d.attempts, w.url, w.secret`;
}

/** One pass: fails what belongs to disabled webhooks, then sends what is due. */
export interface DispatchOptions {
  timeoutMs?: number;
  // Private addresses allowed as destinations; WEBHOOK_ALLOW_PRIVATE unless a test says otherwise.
  allowPrivate?: AllowPrivate;
}

export async function dispatchOnce(db: Db, now = new Date(), options: DispatchOptions = {}): Promise<{ sent: number; failed: number }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const allowPrivate = options.allowPrivate ?? envAllowPrivate();
  // Only due rows: a claimed one (due time pushed into the future) is in flight and finishes as sent.
  await db.webhookDelivery.updateMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, webhook: { enabled: false } },
    data: { status: "FAILED", lastError: "webhook disabled" },
  });

  const leaseMs = Math.max(MIN_LEASE_MS, Math.ceil(BATCH / PARALLEL) * timeoutMs * 2);
  const claimed = await claimDue(db, now, leaseMs);
  const outcomes = await pLimit(PARALLEL).map(claimed, async (delivery) => {
    const outcome = await post(delivery, timeoutMs, allowPrivate);
    const attempts = delivery.attempts + 1;
    const data = outcome.ok
      ? { status: "DELIVERED" as const, attempts, deliveredAt: now, lastStatusCode: outcome.statusCode, lastError: null }
      : {
          status: attempts >= MAX_ATTEMPTS ? ("FAILED" as const) : ("PENDING" as const),
          attempts,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        };
    await db.webhookDelivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data });
    return outcome.ok;
  });
  const sent = outcomes.filter(Boolean).length;
  countWebhookFailures(outcomes.length - sent);
  return { sent, failed: outcomes.length - sent };
}

export function startWebhookDispatcher(databaseUrl: string, shared?: LeaderShared): LeaderLoop {
  return startLeaderLoop({ databaseUrl, shared, key: LOCK.webhookLeader, name: "switchback-webhooks", tickMs: 500, work: (db) => dispatchOnce(db) });
}
