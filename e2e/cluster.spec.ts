import { request as httpRequest, type IncomingMessage } from "node:http";
import type { Browser, Page } from "@playwright/test";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { reconnectFrame } from "@/lib/http/shutdown";
import { storeToken } from "@/lib/tokens/tokens";
import { startCluster, type Cluster } from "./cluster-fixture";
import { makeLiveRelease } from "./live-release";
import { pageFlagValue, webSdkBundle } from "./web-sdk-bundle";
import { expect, signInAs, test as base } from "./fixtures";

// `npm run cluster`: two instances behind HAProxy, round robin, no sticky sessions. A browser is
// put on one instance with the balancer's X-Switchback-Instance request header (which answers
// with the same header), so what one instance does must reach the other through PostgreSQL.

const test = base.extend<object, { cluster: Cluster }>({
  cluster: [
    async ({}, use) => {
      const cluster = await startCluster();
      await use(cluster);
      await cluster.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});
// One cluster for this file's tests, in one worker.
test.describe.configure({ mode: "default" });

const flagState = (page: Page) => page.getByLabel("Flag state");
const tile = (page: Page) => page.getByRole("region", { name: "Health signals" }).getByRole("listitem").filter({ hasText: "Error rate" });

// A browser whose every request asks the balancer for instance `n`.
async function browserOn(browser: Browser, cluster: Cluster, n: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: { "X-Switchback-Instance": String(n) } });
  return context.newPage();
}

async function openCockpit(page: Page, releaseId: string, n: number) {
  const response = await page.goto(`/releases/${releaseId}/cockpit`);
  expect(response?.headers()["x-switchback-instance"]).toBe(String(n));
  await expect(page.getByText("● Live")).toBeVisible();
}

test("the balancer spreads requests over both instances in turn", async ({ cluster }) => {
  const answeredBy = new Set<string | null>();
  for (let i = 0; i < 4; i++) {
    const response = await fetch(`${cluster.url}/api/v1/health`);
    expect(response.status).toBe(200);
    answeredBy.add(response.headers.get("x-switchback-instance"));
  }
  expect([...answeredBy].sort()).toEqual(["1", "2"]);
});

test("a flip, a decision and a pushed sample made through one instance show on the other; an OpenFeature client converges", async ({
  browser,
  cluster,
  makeUser,
  db,
}) => {
  const [owner, backup, watcher] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
  const [pageA, pageB] = [await browserOn(browser, cluster, 1), await browserOn(browser, cluster, 2)];
  await signInAs(pageA, owner);
  await signInAs(pageB, watcher);
  await openCockpit(pageA, release.id, 1);
  await openCockpit(pageB, release.id, 2);
  for (const page of [pageA, pageB]) await expect(flagState(page)).toHaveText("Flag is ON");

  // An application's OpenFeature client, through the balancer: its calls land on both instances.
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "cluster-app", releaseId: null, createdById: owner.id }));
  await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl: cluster.url, headers: [["Authorization", `Bearer ${secret}`]] }));
  const client = OpenFeature.getClient("cluster-app");
  const context = { targetingKey: "user-7", environment: "production" };
  expect(await client.getBooleanValue(release.flagKey, false, context)).toBe(true);

  // A sample pushed through the balancer (to whichever instance) shows on both.
  const pushed = await fetch(`${cluster.url}/api/v1/releases/${release.id}/signals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${release.token}`, "Content-Type": "application/json" },
    body: JSON.stringify([{ signal: "error_rate", value: 0.5 }]),
  });
  expect(pushed.status).toBe(202);
  for (const page of [pageA, pageB]) await expect(tile(page)).toContainText("0.5 %");

  // A flip on instance 1 shows on instance 2's browser, and every instance answers with it.
  await pageA.getByRole("button", { name: "Turn flag off" }).click();
  await pageA.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(flagState(pageA)).toHaveText("Flag is OFF");
  await expect(flagState(pageB)).toHaveText("Flag is OFF");
  await expect.poll(() => client.getBooleanValue(release.flagKey, true, context)).toBe(false);
  for (let i = 0; i < 2; i++) expect(await client.getBooleanValue(release.flagKey, true, context)).toBe(false);
  await OpenFeature.close();

  // A decision recorded on instance 1 shows on instance 2's browser.
  await pageA.getByRole("button", { name: "Go", exact: true }).click();
  for (const page of [pageA, pageB]) await expect(page.getByRole("region", { name: "Activity" })).toContainText("called GO");
  await Promise.all([pageA, pageB].map((page) => page.context().close()));
});

// A request sent straight to an instance, with its body held back until `release` is called;
// resolves `started` once the instance has taken the request (its 100 Continue).
function heldPush(instanceUrl: string, releaseId: string, token: string, body: string) {
  const request = httpRequest(`${instanceUrl}/api/v1/releases/${releaseId}/signals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
  });
  const started = new Promise<void>((resolve) => request.once("continue", resolve));
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
  });
  request.flushHeaders();
  return { started, answered, release: () => request.end(body) };
}

// An application's page on instance `n` (same origin as the balancer, so the pin header needs no
// CORS preflight) running the stock web SDK with the OFREP web provider: event stream, no polling.
// Resolves once its event stream is open, with the instance that answered the stream.
async function providerPageOn(browser: Browser, cluster: Cluster, n: number, token: string) {
  const context = await browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: { "X-Switchback-Instance": String(n) }, bypassCSP: true });
  const page = await context.newPage();
  const streams: (string | undefined)[] = [];
  page.on("response", (response) => void (response.url().includes("/ofrep/v1/events") && streams.push(response.headers()["x-switchback-instance"])));
  await page.goto("/api/v1/health");
  await page.addScriptTag({ content: await webSdkBundle() });
  await page.evaluate((options) => (window as unknown as { startFlags(o: unknown): Promise<void> }).startFlags(options), {
    baseUrl: cluster.url,
    token,
    consumer: `drain-page-${n}`,
  });
  await expect.poll(() => streams.length).toBeGreaterThan(0);
  return { page, streams };
}

test("an instance stopped with SIGTERM finishes the push in flight and exits; its browser and an application's web provider reconnect to the other instance and stay live", async ({
  browser,
  makeUser,
  db,
}) => {
  test.setTimeout(180_000);
  const cluster = await startCluster();
  try {
    const [owner, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
    const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
    const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "drain-app", releaseId: release.id, createdById: owner.id }));
    const app = await providerPageOn(browser, cluster, 1, secret);
    expect(app.streams).toEqual(["1"]);
    expect(await pageFlagValue(app.page, release.flagKey)).toBe(true);
    const page = await browserOn(browser, cluster, 1);
    await signInAs(page, owner);
    await openCockpit(page, release.id, 1);
    await expect(tile(page)).toContainText("STALE");

    const [first] = cluster.instances;
    // The same live stream the page follows, read raw from instance 1 with the page's session.
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    const stream = await fetch(`${first!.url}/api/releases/${release.id}/stream`, { headers: { cookie } });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamed = (await reader.read()).value ?? "";

    const push = heldPush(first!.url, release.id, release.token, JSON.stringify([{ signal: "error_rate", value: 0.6 }]));
    await push.started;
    process.kill(first!.pid, "SIGTERM");
    // The stream ends, its last words a retry hint: come back soon, through the balancer.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) streamed += chunk.value;
    expect(streamed.endsWith(reconnectFrame())).toBe(true);
    // The push that was in flight when the signal came still completes.
    push.release();
    expect((await push.answered).statusCode).toBe(202);
    await expect.poll(() => cluster.output()).toContain("Instance 1 stopped (code 0).");

    // The page's live stream ended with a retry hint and came back through the balancer to
    // instance 2: it shows the push instance 1 finished, and what comes next.
    await expect(tile(page)).toContainText("0.6 %");
    const pushed = await fetch(`${cluster.url}/api/v1/releases/${release.id}/signals`, {
      method: "POST",
      headers: { Authorization: `Bearer ${release.token}`, "Content-Type": "application/json" },
      body: JSON.stringify([{ signal: "error_rate", value: 0.8 }]),
    });
    expect(pushed.status).toBe(202);
    expect(pushed.headers.get("x-switchback-instance")).toBe("2");
    await expect(tile(page)).toContainText("0.8 %");
    await expect(page.getByText("● Live")).toBeVisible();

    // The application's event stream was ended with the same retry hint; its provider came back
    // through the balancer to instance 2 and hears the next flip there, without polling.
    await expect.poll(() => app.streams.at(-1)).toBe("2");
    const flipped = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } });
    expect(flipped.status()).toBe(200);
    await expect.poll(() => pageFlagValue(app.page, release.flagKey)).toBe(false);
    await Promise.all([page.context().close(), app.page.context().close()]);
  } finally {
    await cluster.stop();
  }
});
