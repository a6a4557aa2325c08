import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { freePort } from "@/lib/net";
import { MAX_ATTEMPTS, dispatchOnce } from "@/lib/notify/dispatch";
import { decisionEvent, webhookScratch } from "@/lib/testing/webhook-scratch";
import { RECEIVER_NETWORK } from "@/lib/testing/webhooks";
import { enqueueWebhooks } from "@/lib/notify/webhooks";

const SECRET = "test-secret-of-the-releases-channel";
const scratch = webhookScratch(SECRET);
const decision = decisionEvent("Ada decided Go on Split users.full_name");
// The receivers listen on loopback, which the dispatcher refuses unless told otherwise.
const local = { allowPrivate: RECEIVER_NETWORK };
const hoursLater = (hours: number) => new Date(Date.now() + hours * 3_600_000);

async function queue(url: string, events = 1) {
  const webhook = await scratch.db.webhook.create({ data: { name: "Releases channel", url, secret: SECRET, events: ["decision"] }, select: { id: true } });
  for (let i = 0; i < events; i++) await scratch.db.$transaction((tx) => enqueueWebhooks(tx, decision));
  return webhook.id;
}

const onlyDelivery = async () => {
  const [only, ...others] = await scratch.db.webhookDelivery.findMany({
    select: { id: true, status: true, attempts: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, deliveredAt: true },
  });
  expect(others).toEqual([]);
  return only!;
};

describe("dispatchOnce", () => {
  it("posts the signed Slack-compatible body and marks the delivery delivered", async () => {
    const hook = await scratch.receiver();
    await queue(hook.url);
    expect(await dispatchOnce(scratch.db, new Date(), local)).toEqual({ sent: 1, failed: 0 });

    const delivery = await onlyDelivery();
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(Date) });
    const [request] = hook.received;
    expect(hook.received).toHaveLength(1);
    expect(request?.signatureValid).toBe(true);
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Switchback-Webhooks",
      "x-switchback-event": "decision",
      "x-switchback-delivery": delivery.id,
      "x-switchback-timestamp": expect.stringMatching(/^\d+$/),
    });
    const body = JSON.parse(request?.body ?? "null");
    expect(body).toMatchObject({
      text: decision.text,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: decision.text } }],
      switchback: { type: "decision", releaseId: decision.releaseId },
    });
  });

  it("retries a receiver that answered 500 once it is due, then delivers", async () => {
    const hook = await scratch.receiver();
    hook.answer(500);
    await queue(hook.url);
    const now = new Date();
    expect(await dispatchOnce(scratch.db, now, local)).toEqual({ sent: 0, failed: 1 });
    const failed = await onlyDelivery();
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500 Internal Server Error", deliveredAt: null });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    hook.answer(204);
    expect(await dispatchOnce(scratch.db, now, local)).toEqual({ sent: 0, failed: 0 });
    expect(await dispatchOnce(scratch.db, hoursLater(1), local)).toEqual({ sent: 1, failed: 0 });
    expect(await onlyDelivery()).toMatchObject({ status: "DELIVERED", attempts: 2, lastStatusCode: 204, lastError: null });
    expect(hook.received).toHaveLength(2);
  });

  it("says plainly when a receiver never answers or cannot be reached", async () => {
    const silent = await scratch.receiver();
    silent.answer("silent");
    await queue(silent.url);
    expect(await dispatchOnce(scratch.db, new Date(), { ...local, timeoutMs: 200 })).toEqual({ sent: 0, failed: 1 });
    expect(await onlyDelivery()).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null, lastError: "timed out after 0.2 s" });

    await scratch.db.webhook.deleteMany();
    await queue(`http://127.0.0.1:${await freePort()}/hook`);
    await dispatchOnce(scratch.db, new Date(), local);
    expect(await onlyDelivery()).toMatchObject({ status: "PENDING", attempts: 1, lastError: "connection refused" });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const hook = await scratch.receiver();
    hook.answer(503);
    await queue(hook.url);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) await dispatchOnce(scratch.db, hoursLater(attempt), local);
    expect(await onlyDelivery()).toMatchObject({ status: "PENDING", attempts: MAX_ATTEMPTS - 1 });
    await dispatchOnce(scratch.db, hoursLater(MAX_ATTEMPTS), local);
    expect(await onlyDelivery()).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "HTTP 503 Service Unavailable" });
    expect(await dispatchOnce(scratch.db, hoursLater(MAX_ATTEMPTS + 1), local)).toEqual({ sent: 0, failed: 0 });
    expect(hook.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("fails what is queued for a webhook disabled meanwhile, without sending it", async () => {
    const hook = await scratch.receiver();
    const webhookId = await queue(hook.url);
    await scratch.db.webhook.update({ where: { id: webhookId }, data: { enabled: false, disabledAt: new Date() } });
    expect(await dispatchOnce(scratch.db, new Date(), local)).toEqual({ sent: 0, failed: 0 });
    expect(await onlyDelivery()).toMatchObject({ status: "FAILED", attempts: 0, lastError: "webhook disabled" });
    expect(hook.received).toEqual([]);
  });

  it("delivers each delivery once when two dispatchers run at the same time", async () => {
    const hook = await scratch.receiver();
    // More than one batch, so both dispatchers find work.
    await queue(hook.url, 30);
    // A client of its own, as another server instance would have.
    const other = createDb(scratch.url, 4);
    scratch.cleanups.push(() => other.$disconnect());
    const now = new Date();
    const [a, b] = await Promise.all([dispatchOnce(scratch.db, now, local), dispatchOnce(other, now, local)]);
    const second = await dispatchOnce(scratch.db, now, local);
    expect((a?.sent ?? 0) + (b?.sent ?? 0) + second.sent).toBe(30);

    const ids = hook.received.map((r) => r.headers["x-switchback-delivery"]);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
    expect(await scratch.db.webhookDelivery.count({ where: { status: "DELIVERED" } })).toBe(30);
  });
});
