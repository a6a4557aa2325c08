import type { Page } from "@playwright/test";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { storeToken } from "@/lib/tokens/tokens";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

const flagState = (page: Page) => page.getByLabel("Flag state");

test("an operator turns the flag off; the other browser shows it off without a reload (latency: scripts/bench/live.ts); turning it on is not theirs", async ({
  browser,
  makeUser,
  db,
}) => {
  const [owner, backup, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });
  const flag = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flag.flagKey, environment: "production", enabled: true } });

  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [operatorPage, ownerPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  await signInAs(operatorPage, operator);
  await signInAs(ownerPage, owner);
  for (const page of [operatorPage, ownerPage]) {
    await page.goto(`/releases/${release.id}/cockpit`);
    await expect(page.getByText("● Live")).toBeVisible();
    await expect(flagState(page)).toHaveText("Flag is ON");
  }

  await operatorPage.getByRole("button", { name: "Turn flag off" }).click();
  await operatorPage.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(flagState(operatorPage)).toHaveText("Flag is OFF");
  await expect(flagState(ownerPage)).toHaveText("Flag is OFF");

  await expect(operatorPage.getByRole("button", { name: "Turn flag on" })).toHaveCount(0);
  await expect(ownerPage.getByRole("button", { name: "Turn flag on" })).toBeVisible();
  const forged = await operatorPage.request.post(`/api/v1/releases/${release.id}/flag/on`, { data: { expected: false } });
  expect(forged.status()).toBe(403);
  expect((await db.flag.findFirstOrThrow({ where: { key: flag.flagKey } })).enabled).toBe(false);
  await Promise.all(contexts.map((c) => c.close()));
});

test("an application's OpenFeature client sees the kill switch go off after a flip", async ({ makeUser, db, baseURL, page }) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup: operator, creator: owner });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "app", releaseId: null, createdById: owner.id }));

  await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl: baseURL!, headers: [["Authorization", `Bearer ${secret}`]] }));
  const client = OpenFeature.getClient("checkout-service");
  const context = { targetingKey: "user-42", environment: "production" };
  expect(await client.getBooleanValue(flagKey, false, context)).toBe(true);
  expect(await client.getBooleanDetails("no-such-flag", false, context)).toMatchObject({ value: false, errorCode: "FLAG_NOT_FOUND" });

  await signInAs(page, operator);
  const flip = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } });
  expect(flip.status()).toBe(200);
  expect(await client.getBooleanValue(flagKey, true, context)).toBe(false);
  await OpenFeature.close();
});

test("bulk evaluation answers 304 while nothing changed, and a new ETag after a flip", async ({ request, makeUser, db }) => {
  const owner = await makeUser("ADMIN");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "staging-e2e", enabled: true } });
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "poller", releaseId: null, createdById: owner.id }));
  const bulk = (etag?: string) =>
    request.post("/ofrep/v1/evaluate/flags", {
      headers: { "X-API-Key": secret, ...(etag ? { "If-None-Match": etag } : {}) },
      data: { context: { environment: "staging-e2e" } },
    });

  const first = await bulk();
  expect(first.status()).toBe(200);
  expect((await first.json()).flags).toContainEqual(expect.objectContaining({ key: flagKey, value: true, reason: "STATIC" }));
  const etag = first.headers()["etag"]!;
  expect((await bulk(etag)).status()).toBe(304);

  await db.flag.update({ where: { key_environment: { key: flagKey, environment: "staging-e2e" } }, data: { enabled: false, version: { increment: 1 } } });
  await expect.poll(async () => (await bulk(etag)).status()).toBe(200);
  expect((await bulk()).headers()["etag"]).not.toBe(etag);

  expect((await request.post("/ofrep/v1/evaluate/flags", { data: {} })).status()).toBe(401);
  expect((await request.post(`/ofrep/v1/evaluate/flags/${flagKey}`, { headers: { Authorization: "Bearer sbr_wrong" }, data: {} })).status()).toBe(401);
});

// The panel posts to the flag route, which the server answers in its fast lane (lib/http/flip-lane.ts):
// a refusal from there reads on the panel as a server action's would.
test("a flip refused because someone else already turned the flag off says so, and the panel then shows it off", async ({ makeUser, db, page }) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup: operator, creator: owner });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  await signInAs(page, operator);
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(flagState(page)).toHaveText("Flag is ON");

  // Turned off behind the page's back (no audit event, so no live refresh tells the page).
  await db.flag.updateMany({ where: { key: flagKey }, data: { enabled: false, version: { increment: 1 } } });
  await page.getByRole("button", { name: "Turn flag off" }).click();
  await page.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.locator("#kill-switch").getByRole("alert")).toHaveText("The flag is already off. Nothing was changed.");
  await expect(flagState(page)).toHaveText("Flag is OFF");
  expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "flag.changed" } })).toBe(0);
});
