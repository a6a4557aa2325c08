import { describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/ofrep/v1/events/route";
import { flushConsumersNow, touchConsumer } from "@/lib/flags/consumers/tracker";
import { flagInOwnEnvironment } from "@/lib/flags/ofrep/test-helpers";
import { issueTicket } from "@/lib/flags/ofrep/ticket";
import { testDb } from "@/lib/testing/db";

// A consumer that only holds an event stream open to this instance, while another instance (or
// this one before a restart) answered its evaluation: it is still there, so it is not "gone".

const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60_000);

async function servedElsewhereLongAgo(key: string, environment: string, consumer: string) {
  const at = TEN_MINUTES_AGO();
  await testDb().flagConsumer.create({
    data: { flagKey: key, environment, consumer, tokenName: "sdk", enabled: true, version: 1, versionAt: at, servedAt: at, lastSeenAt: at, via: "bulk" },
  });
}

const rowOf = (key: string, environment: string, consumer: string) =>
  testDb().flagConsumer.findUniqueOrThrow({ where: { flagKey_environment_consumer: { flagKey: key, environment, consumer } } });

describe("a consumer with only an event stream open here", () => {
  it("is seen when its stream opens and at each heartbeat", async () => {
    const { environment, key, tokenId } = await flagInOwnEnvironment("sdk");
    await servedElsewhereLongAgo(key, environment, "sdk/tab-9");
    const { tokenHash } = await testDb().apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { tokenHash: true } });
    const ticket = issueTicket({ tokenId, tokenHash, environment, consumerId: "tab-9" });
    const controller = new AbortController();
    const response = await eventsRoute.GET(new Request(`http://switchback.test/ofrep/v1/events?ticket=${ticket}`, { signal: controller.signal }));
    expect(response.status).toBe(200);
    const opened = Date.now();

    await flushConsumersNow();
    const seen = await rowOf(key, environment, "sdk/tab-9");
    expect(seen.lastSeenAt.getTime()).toBeGreaterThanOrEqual(opened - 5_000);
    expect(seen).toMatchObject({ via: "stream", enabled: true, version: 1 });

    // A heartbeat a minute later: still there.
    const later = new Date(Date.now() + 60_000);
    touchConsumer(environment, "sdk/tab-9", null, later);
    await flushConsumersNow();
    expect((await rowOf(key, environment, "sdk/tab-9")).lastSeenAt).toEqual(later);
    controller.abort();
  });

  it("is seen for its release's flags only, by a release-scoped stream", async () => {
    const { environment, key } = await flagInOwnEnvironment("sdk");
    const other = `${key}-other`;
    await testDb().flag.create({ data: { key: other, environment, enabled: true } });
    await servedElsewhereLongAgo(key, environment, "sdk/job");
    await servedElsewhereLongAgo(other, environment, "sdk/job");
    const now = new Date();
    touchConsumer(environment, "sdk/job", [key], now);
    await flushConsumersNow();
    expect((await rowOf(key, environment, "sdk/job")).lastSeenAt).toEqual(now);
    expect((await rowOf(other, environment, "sdk/job")).lastSeenAt.getTime()).toBeLessThan(now.getTime() - 60_000);
  });
});
