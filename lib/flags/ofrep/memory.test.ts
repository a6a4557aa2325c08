import { describe, expect, it, vi } from "vitest";
import { flushConsumersNow } from "@/lib/flags/consumers/tracker";
import { backfillKey, ensureBackfillSwitch } from "@/lib/flags/backfill/switch";
import { bulkRequest, countingQueries, flagInOwnEnvironment, flip } from "@/lib/flags/ofrep/test-helpers";
import { evaluateAll, evaluateOne } from "@/lib/flags/ofrep/routes";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { storeToken } from "@/lib/tokens/tokens";

const valuesOf = async (response: Response) => ((await response.json()) as { flags: { key: string; value: boolean }[] }).flags;

describe("OFREP bulk evaluation from memory", () => {
  it("answers an unchanged evaluation 304 without a database query, and 200 with the new value once a flag changes", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const first = await evaluateAll(bulkRequest(secret, environment));
    expect(first.status).toBe(200);
    expect(await valuesOf(first)).toEqual([expect.objectContaining({ key, value: true })]);
    const etag = first.headers.get("etag")!;
    await flushConsumersNow();

    const { result: unchanged, queries } = await countingQueries(() => evaluateAll(bulkRequest(secret, environment, { "If-None-Match": etag })));
    expect(unchanged.status).toBe(304);
    expect(queries).toBe(0);

    await flip(key, environment, false);
    await vi.waitFor(async () => {
      const changed = await evaluateAll(bulkRequest(secret, environment, { "If-None-Match": etag }));
      expect(changed.status).toBe(200);
      expect(await valuesOf(changed)).toEqual([expect.objectContaining({ key, value: false })]);
    });
  });

  it("hands out an absolute event stream URL on this server", async () => {
    const { environment, secret } = await flagInOwnEnvironment();
    const body = (await (await evaluateAll(bulkRequest(secret, environment))).json()) as { eventStreams: unknown };
    expect(body.eventStreams).toEqual([
      { type: "sse", url: expect.stringMatching(/^http:\/\/switchback\.test\/ofrep\/v1\/events\?ticket=/), inactivityDelaySec: 120 },
    ]);
  });

  it("names the stream at PUBLIC_URL when it is set: behind a proxy the request's own origin is not where consumers reach it", async () => {
    const { environment, secret } = await flagInOwnEnvironment();
    vi.stubEnv("PUBLIC_URL", "https://flags.example.com/");
    vi.resetModules();
    try {
      const routes = await import("@/lib/flags/ofrep/routes");
      const body = (await (await routes.evaluateAll(bulkRequest(secret, environment))).json()) as { eventStreams: { url: string }[] };
      expect(body.eventStreams[0]!.url).toMatch(/^https:\/\/flags\.example\.com\/ofrep\/v1\/events\?ticket=/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("a release-scoped read token", () => {
  it("sees exactly its release's flag and backfill switch, in bulk and one by one", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "IN_PROGRESS");
    await ensureBackfillSwitch(testDb(), release.flagKey, "production");
    const { secret } = await testDb().$transaction((tx) =>
      storeToken(tx, { kind: "FLAG_READ", name: "backfill job", releaseId: release.id, createdById: owner.id }),
    );
    const other = await flagInOwnEnvironment();
    await testDb().flag.create({ data: { key: other.key, environment: "production", enabled: true } });

    const bulk = await evaluateAll(bulkRequest(secret, "production"));
    expect((await valuesOf(bulk)).map((f) => [f.key, f.value])).toEqual([
      [release.flagKey, true],
      [backfillKey(release.flagKey), false],
    ]);
    const one = (key: string) => evaluateOne(bulkRequest(secret, "production"), key);
    expect((await one(release.flagKey)).status).toBe(200);
    expect(await (await one(backfillKey(release.flagKey))).json()).toMatchObject({ key: backfillKey(release.flagKey), value: false });
    expect((await one(other.key)).status).toBe(403);
  });
});

describe("consumers", () => {
  it("are remembered per token and consumer id with the version served and when, written by the flush", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment("web-shop");
    const rowOf = (consumer: string) => testDb().flagConsumer.findUnique({ where: { flagKey_environment_consumer: { flagKey: key, environment, consumer } } });

    await evaluateAll(bulkRequest(secret, environment, { "X-Switchback-Consumer": "page\u0007-1" }));
    await evaluateOne(bulkRequest(secret, environment, {}, { targetingKey: "user-42" }), key);
    await evaluateAll(bulkRequest(secret, environment));
    expect(await rowOf("web-shop/page-1")).toBeNull();
    await flushConsumersNow();
    const before = await rowOf("web-shop/page-1");
    expect(before).toMatchObject({ tokenName: "web-shop", enabled: true, version: 1, via: "bulk" });
    expect(await rowOf("web-shop/user-42")).toMatchObject({ enabled: true, version: 1, via: "single" });
    expect(await rowOf("web-shop")).toMatchObject({ enabled: true, version: 1 });

    await flip(key, environment, false);
    await vi.waitFor(async () => {
      const served = await valuesOf(await evaluateAll(bulkRequest(secret, environment, { "X-Switchback-Consumer": "page\u0007-1" })));
      expect(served).toEqual([expect.objectContaining({ value: false })]);
    });
    await flushConsumersNow();
    const after = await rowOf("web-shop/page-1");
    expect(after).toMatchObject({ enabled: false, version: 2 });
    expect(after!.versionAt.getTime()).toBeGreaterThanOrEqual(before!.versionAt.getTime());
    expect(await rowOf("web-shop/user-42")).toMatchObject({ enabled: true, version: 1 });
  });
});
