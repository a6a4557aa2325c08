import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { openScratchDb } from "@/lib/testing/db";
import { enqueueWebhooks, type WebhookEvent, type WebhookEventType } from "@/lib/notify/webhooks";

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openScratchDb());
});
afterAll(() => drop());
// The database is this file's alone; emptying it after each test keeps the counts independent.
afterEach(() => db.webhook.deleteMany());

const release = { releaseId: "6f1c2b9e-0a4d-4e55-9d8e-2b7a1c3d4e5f", releaseTitle: "Split users.full_name" };

const flip: WebhookEvent = {
  type: "flip",
  ...release,
  text: "Ada turned the flag off for Split users.full_name",
  data: { environment: "production", enabled: false },
};

async function webhook(events: WebhookEventType[], enabled = true) {
  return db.webhook.create({ data: { name: "Releases channel", url: "http://127.0.0.1:9/hook", secret: "s", events, enabled }, select: { id: true } });
}

const deliveriesOf = (webhookId: string) =>
  db.webhookDelivery.findMany({ where: { webhookId }, select: { event: true, status: true, attempts: true, payload: true } });

describe("enqueueWebhooks", () => {
  it("writes nothing when the action's transaction rolls back", async () => {
    const { id } = await webhook(["flip"]);
    await expect(
      db.$transaction(async (tx) => {
        expect(await enqueueWebhooks(tx, flip)).toBe(1);
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it("queues one pending delivery per enabled webhook subscribed to the event", async () => {
    const subscribed = [await webhook(["flip", "decision"]), await webhook(["flip"])];
    const unsubscribed = await webhook(["decision", "auto_stop"]);
    const disabled = await webhook(["flip"], false);

    expect(await db.$transaction((tx) => enqueueWebhooks(tx, flip))).toBe(2);

    for (const { id } of subscribed) {
      const [only, ...others] = await deliveriesOf(id);
      expect(others).toEqual([]);
      expect(only).toMatchObject({ event: "flip", status: "PENDING", attempts: 0 });
      expect(only?.payload).toEqual({
        text: flip.text,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: flip.text } }],
        switchback: { type: "flip", ...release, url: null, data: flip.data, occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      });
    }
    expect(await deliveriesOf(unsubscribed.id)).toEqual([]);
    expect(await deliveriesOf(disabled.id)).toEqual([]);
  });

  it("escapes Slack's markup characters in the text, not in the machine-readable part", async () => {
    const { id } = await webhook(["stage_complete"]);
    const title = "Drop <legacy> & old columns";
    await db.$transaction((tx) =>
      enqueueWebhooks(tx, {
        type: "stage_complete",
        releaseId: release.releaseId,
        releaseTitle: title,
        text: `Stage Expand of ${title} is complete`,
        data: {},
      }),
    );
    const [delivery] = await deliveriesOf(id);
    expect(delivery?.payload).toMatchObject({
      text: "Stage Expand of Drop &lt;legacy&gt; &amp; old columns is complete",
      switchback: { releaseTitle: title },
    });
  });
});
