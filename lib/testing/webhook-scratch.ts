import { afterAll, afterEach, beforeAll } from "vitest";
import type { Db } from "@/lib/db";
import type { WebhookEvent } from "@/lib/notify/webhooks";
import { openScratchDb } from "@/lib/testing/db";
import { startReceiver } from "@/lib/testing/webhooks";

// A database of the test file's own for webhook delivery tests: the dispatcher sends every due
// delivery in its database, so each test starts from an empty one, with its receivers stopped.
export function webhookScratch(secret: string) {
  const cleanups: (() => Promise<unknown>)[] = [];
  let opened: Awaited<ReturnType<typeof openScratchDb>> | undefined;
  const scratch = () => {
    if (!opened) throw new Error("The scratch database opens in beforeAll.");
    return opened;
  };
  beforeAll(async () => {
    opened = await openScratchDb();
  });
  afterAll(() => opened?.drop());
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await opened?.db.webhook.deleteMany();
  });
  return {
    get db(): Db {
      return scratch().db;
    },
    get url(): string {
      return scratch().url;
    },
    // Run after each test, receivers' stops included.
    cleanups,
    // A live receiver checking signatures with `secret`; `port` for other addresses that reach it.
    async receiver() {
      const started = await startReceiver(secret);
      cleanups.push(started.stop);
      return { ...started, port: new URL(started.url).port };
    },
  };
}

// A decision on a release that is never stored: webhooks are queued from the event alone.
export const decisionEvent = (text: string): WebhookEvent => ({
  type: "decision",
  releaseId: "6f1c2b9e-0a4d-4e55-9d8e-2b7a1c3d4e5f",
  releaseTitle: "Split users.full_name",
  text,
  data: { verdict: "GO" },
});
