import { describe, expect, it, vi } from "vitest";
import { identify } from "@/lib/flags/consumers/identity";
import { flushConsumersNow, MAX_IDS_PER_TOKEN, recordServed } from "@/lib/flags/consumers/tracker";
import { evaluateAll } from "@/lib/flags/ofrep/routes";
import { bulkRequest, flagInOwnEnvironment, flip } from "@/lib/flags/ofrep/test-helpers";
import { testDb } from "@/lib/testing/db";

// What flag_consumers says each consumer has, as the flush of what this instance served leaves
// it, next to what another instance (written here as its flush would write it) served.

const rowOf = (key: string, environment: string, consumer: string) =>
  testDb().flagConsumer.findUniqueOrThrow({ where: { flagKey_environment_consumer: { flagKey: key, environment, consumer } } });

// Another instance's flush of a serve: the row as its upsert leaves it.
const servedElsewhere = (key: string, environment: string, consumer: string, served: { enabled: boolean; version: number; at: number }) =>
  testDb().flagConsumer.upsert({
    where: { flagKey_environment_consumer: { flagKey: key, environment, consumer } },
    create: {
      ...{ flagKey: key, environment, consumer, tokenName: consumer.split("/")[0]!, via: "bulk" },
      ...{ enabled: served.enabled, version: served.version, versionAt: new Date(served.at), servedAt: new Date(served.at), lastSeenAt: new Date(served.at) },
    },
    update: {
      enabled: served.enabled,
      version: served.version,
      versionAt: new Date(served.at),
      servedAt: new Date(served.at),
      lastSeenAt: new Date(served.at),
    },
  });

describe("a consumer's recorded value", () => {
  it("is the one it was served last, even when a lagging instance served the old value after the new", async () => {
    const { environment, key } = await flagInOwnEnvironment();
    const t = Date.now();
    await servedElsewhere(key, environment, "sdk/page-1", { enabled: false, version: 2, at: t });
    // This instance has not yet heard of the flip and answers the same consumer with version 1.
    recordServed([{ key, environment, enabled: true, version: 1 }], identify("sdk", "page-1"), "bulk", new Date(t + 100));
    await flushConsumersNow();
    expect(await rowOf(key, environment, "sdk/page-1")).toMatchObject({ enabled: true, version: 1, servedAt: new Date(t + 100) });

    // One process serving a consumer the old value after the new one is the same story.
    recordServed([{ key, environment, enabled: false, version: 2 }], identify("sdk", "tab-2"), "bulk", new Date(t + 200));
    recordServed([{ key, environment, enabled: true, version: 1 }], identify("sdk", "tab-2"), "bulk", new Date(t + 300));
    await flushConsumersNow();
    expect(await rowOf(key, environment, "sdk/tab-2")).toMatchObject({ enabled: true, version: 1, versionAt: new Date(t + 300) });

    // A serve flushed after a later one by another instance does not move the consumer back.
    await servedElsewhere(key, environment, "sdk/tab-3", { enabled: false, version: 2, at: t + 500 });
    recordServed([{ key, environment, enabled: true, version: 1 }], identify("sdk", "tab-3"), "bulk", new Date(t + 450));
    await flushConsumersNow();
    expect(await rowOf(key, environment, "sdk/tab-3")).toMatchObject({ enabled: false, version: 2, servedAt: new Date(t + 500) });
  });

  it("is written again at once when the consumer is served the flip anew after a lagging instance's answer", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const poll = () => evaluateAll(bulkRequest(secret, environment, { "X-Switchback-Consumer": "poller" }));
    await poll();
    await flip(key, environment, false);
    await vi.waitFor(async () => expect((await (await poll()).json()) as unknown).toMatchObject({ flags: [{ value: false }] }));
    await flushConsumersNow();
    expect(await rowOf(key, environment, "sdk/poller")).toMatchObject({ enabled: false, version: 2 });

    // Another instance, still on version 1, answered it in between; then it polls here again.
    await servedElsewhere(key, environment, "sdk/poller", { enabled: true, version: 1, at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await poll();
    await flushConsumersNow();
    expect(await rowOf(key, environment, "sdk/poller")).toMatchObject({ enabled: false, version: 2 });
  });
});

describe("consumer ids", () => {
  it("are capped per token and flag: the rest are recorded as one consumer, '<token>/(more)'", async () => {
    const { environment, key } = await flagInOwnEnvironment();
    const flag = { key, environment, enabled: true, version: 1 };
    for (let i = 0; i < MAX_IDS_PER_TOKEN + 20; i++) recordServed([flag], identify("sdk", `made-up-${i}`), "bulk");
    recordServed([flag], identify("sdk", null), "bulk");
    await flushConsumersNow();
    const rows = await testDb().flagConsumer.findMany({ where: { flagKey: key, environment }, select: { consumer: true } });
    expect(rows).toHaveLength(MAX_IDS_PER_TOKEN + 2);
    expect(rows.map((r) => r.consumer)).toEqual(expect.arrayContaining(["sdk", "sdk/made-up-0", `sdk/made-up-${MAX_IDS_PER_TOKEN - 1}`, "sdk/(more)"]));
    expect(rows.map((r) => r.consumer)).not.toContain(`sdk/made-up-${MAX_IDS_PER_TOKEN}`);
  });
});
