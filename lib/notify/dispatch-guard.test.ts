import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/net";
import { dispatchOnce } from "@/lib/notify/dispatch";
import { enqueueWebhooks } from "@/lib/notify/webhooks";
import { decisionEvent, webhookScratch } from "@/lib/testing/webhook-scratch";

// Delivery-time refusal of addresses a webhook must not reach (SSRF): whatever the stored URL
// says, and whatever its name resolves to when the delivery goes out (DNS rebinding). A live
// receiver on loopback proves nothing was sent; the errors admins read never name an ip:port.

const SECRET = "guard-test-secret";
const scratch = webhookScratch(SECRET);
const decision = decisionEvent("Ada decided Go");

// Rows written straight to the table, as if saved before the save-time check existed.
async function queue(urls: string[]) {
  for (const url of urls) await scratch.db.webhook.create({ data: { name: url, url, secret: SECRET, events: ["decision"] } });
  await scratch.db.$transaction((tx) => enqueueWebhooks(tx, decision));
}

const outcomes = async () =>
  Object.fromEntries(
    (await scratch.db.webhookDelivery.findMany({ select: { lastError: true, lastStatusCode: true, webhook: { select: { url: true } } } })).map((d) => [
      d.webhook.url,
      d.lastError,
    ]),
  );

describe("delivery-time address checks", () => {
  it("refuses loopback, private, metadata, mapped and decimal/hex forms without connecting", async () => {
    const hook = await scratch.receiver();
    const urls = [
      `http://127.0.0.1:${hook.port}/hook`,
      `http://2130706433:${hook.port}/hook`,
      `http://0x7f.1:${hook.port}/hook`,
      `http://[::ffff:127.0.0.1]:${hook.port}/hook`,
      `http://[::1]:${hook.port}/hook`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5:6379/",
      "http://0.0.0.0:6379/",
    ];
    await queue(urls);
    expect(await dispatchOnce(scratch.db, new Date(), { timeoutMs: 500 })).toEqual({ sent: 0, failed: urls.length });
    expect(hook.received).toEqual([]);
    const errors = await outcomes();
    for (const url of urls) {
      expect(errors[url]).toMatch(/^refused: .+ is not a public address$/);
      // Never a socket error that maps the private network's ports.
      for (const leak of [`:${hook.port}`, ":6379", "ECONN"]) expect(errors[url]).not.toContain(leak);
    }
  });

  it("checks what a name resolves to when sending (localhost → 127.0.0.1), and sends once allowed", async () => {
    const hook = await scratch.receiver();
    await queue([`http://localhost:${hook.port}/hook`]);
    expect(await dispatchOnce(scratch.db, new Date(), { timeoutMs: 500 })).toEqual({ sent: 0, failed: 1 });
    expect(hook.received).toEqual([]);
    expect(Object.values(await outcomes())).toEqual(["refused: localhost is not a public address"]);

    // The opt-in (WEBHOOK_ALLOW_PRIVATE) lets the same name through, to the address that was checked.
    const later = new Date(Date.now() + 3_600_000);
    expect(await dispatchOnce(scratch.db, later, { allowPrivate: ["127.0.0.0/8", "::1"] })).toEqual({ sent: 1, failed: 0 });
    expect(hook.received).toHaveLength(1);
  });

  it("says 'connection refused' for a closed port, never the socket's own words", async () => {
    await queue([`http://127.0.0.1:${await freePort()}/hook`]);
    await dispatchOnce(scratch.db, new Date(), { allowPrivate: true });
    expect(Object.values(await outcomes())).toEqual(["connection refused"]);
  });
});
