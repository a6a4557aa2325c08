import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import type { Db } from "@/lib/db";
import { backfillKey } from "@/lib/flags/backfill/switch";
import { storeToken } from "@/lib/tokens/tokens";
import { makeLiveRelease } from "./live-release";
import { webSdkBundle } from "./web-sdk-bundle";
import { expect, signInAs, test, type TestUser } from "./fixtures";

// Stock OpenFeature SDKs against the running Switchback, unmodified: the Node server provider
// evaluates a release's kill switch and backfill switch with a release-scoped token, and the web
// provider, in a page on another origin (so CORS is real), follows the OFREP event stream.

async function releaseWithToken(db: Db, owner: TestUser, backup: TestUser, tokenName: string) {
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
  await db.flag.create({ data: { key: backfillKey(release.flagKey), environment: "production", enabled: false } });
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: tokenName, releaseId: release.id, createdById: owner.id }));
  return { ...release, secret };
}

test("a stock Node provider reads a release's kill switch and its backfill switch with the release's token", async ({ makeUser, db, baseURL }) => {
  const [owner, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await releaseWithToken(db, owner, backup, "backfill job");
  const domain = `backfill-${release.id}`;
  await OpenFeature.setProviderAndWait(domain, new OFREPProvider({ baseUrl: baseURL!, headers: [["Authorization", `Bearer ${release.secret}`]] }));
  const client = OpenFeature.getClient(domain);
  const context = { targetingKey: "backfill-worker-1", environment: "production" };
  expect(await client.getBooleanValue(release.flagKey, false, context)).toBe(true);
  expect(await client.getBooleanValue(backfillKey(release.flagKey), true, context)).toBe(false);
  expect(await client.getBooleanDetails("someone-elses-flag", false, context)).toMatchObject({ value: false, reason: "ERROR" });
  await OpenFeature.clearProviders();
});

async function shopServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>Shop</title><p>Shop</p>"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test("a stock web provider in a page on another origin turns OFF through the event stream, without polling", async ({
  page,
  browser,
  makeUser,
  db,
  baseURL,
  request,
}) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await releaseWithToken(db, owner, operator, "web shop");
  // The shop's page comes from a server of its own on another port: another origin than the app's,
  // so every request to Switchback is cross-origin (CORS preflights included), and both on loopback,
  // so Chromium's local network access rules do not apply.
  const shop = await shopServer();
  const streams: string[] = [];
  page.on("request", (r) => void (r.url().includes("/ofrep/v1/events") && streams.push(r.url())));
  await page.goto(shop.url);
  await page.addScriptTag({ content: await webSdkBundle() });
  await page.evaluate((options) => (window as unknown as { startFlags(o: unknown): Promise<void> }).startFlags(options), {
    baseUrl: baseURL!,
    token: release.secret,
    consumer: "shop-page-1",
  });
  const value = () =>
    page.evaluate(
      (key) => (window as unknown as { flags: { getBooleanValue(k: string, d: boolean): boolean } }).flags.getBooleanValue(key, true),
      release.flagKey,
    );
  expect(await value()).toBe(true);
  await expect.poll(() => streams.length).toBeGreaterThan(0);

  const app = await (await browser.newContext()).newPage();
  await signInAs(app, operator);
  expect((await app.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } })).status()).toBe(200);
  await expect.poll(value).toBe(false);
  const flipped = await db.flag.findUniqueOrThrow({ where: { key_environment: { key: release.flagKey, environment: "production" } } });

  // Switchback knows this page has the new value (flushed from memory within a second or so).
  await expect
    .poll(() =>
      db.flagConsumer.findUnique({
        where: { flagKey_environment_consumer: { flagKey: release.flagKey, environment: "production", consumer: "web shop/shop-page-1" } },
      }),
    )
    .toMatchObject({ enabled: false, version: flipped.version });

  // A poller with the current ETag is answered 304.
  const bulk = (etag?: string) =>
    request.post("/ofrep/v1/evaluate/flags", {
      headers: { Authorization: `Bearer ${release.secret}`, ...(etag ? { "If-None-Match": etag } : {}) },
      data: { context: { environment: "production" } },
    });
  const etag = (await bulk()).headers()["etag"]!;
  expect((await bulk(etag)).status()).toBe(304);
  await app.context().close();
  shop.server.close();
});

test("the kill switch's Consumers line turns “all on OFF” once a stock web provider in another page has the flip, and the trail says so", async ({
  page,
  browser,
  makeUser,
  db,
  baseURL,
}) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await releaseWithToken(db, owner, operator, "storefront");
  const shop = await shopServer();
  await page.goto(shop.url);
  await page.addScriptTag({ content: await webSdkBundle() });
  await page.evaluate((options) => (window as unknown as { startFlags(o: unknown): Promise<void> }).startFlags(options), {
    baseUrl: baseURL!,
    token: release.secret,
    consumer: "shop-page-7",
  });

  const cockpit = await (await browser.newContext()).newPage();
  await signInAs(cockpit, operator);
  await cockpit.goto(`/releases/${release.id}/cockpit`);
  const panel = cockpit.getByRole("region", { name: "Kill switch" });
  await expect(panel.locator("p").filter({ hasText: "Consumers:" })).toContainText("1, all on ON");

  await panel.getByRole("button", { name: "Turn flag off" }).click();
  await panel.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(panel.getByLabel("Flag state")).toHaveText("Flag is OFF");
  await expect
    .poll(() =>
      page.evaluate(
        (key) => (window as unknown as { flags: { getBooleanValue(k: string, d: boolean): boolean } }).flags.getBooleanValue(key, true),
        release.flagKey,
      ),
    )
    .toBe(false);
  await expect(panel.locator("p").filter({ hasText: "Consumers:" })).toContainText(/1, all on OFF \(last one [\d.]+ (ms|s) after the flip\)/);

  // The flip's audit event is followed by the watcher's proof that its one consumer switched.
  await expect
    .poll(async () => (await db.auditEvent.findFirst({ where: { releaseId: release.id, action: "flag.converged" }, select: { after: true } }))?.after)
    .toMatchObject({ enabled: false, consumers: [{ consumer: "storefront/shop-page-7" }] });
  await cockpit.context().close();
  shop.server.close();
});
