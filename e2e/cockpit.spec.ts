import type { APIRequestContext, Page } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

async function push(request: APIRequestContext, releaseId: string, token: string, value: number) {
  const response = await request.post(`/api/v1/releases/${releaseId}/signals`, {
    headers: { Authorization: `Bearer ${token}` },
    data: [{ signal: "error_rate", value }],
  });
  expect(response.status()).toBe(202);
}

const tile = (page: Page) => page.getByRole("region", { name: "Health signals" }).getByRole("listitem").filter({ hasText: "Error rate" });
const recommendation = (page: Page) => page.getByRole("status", { name: "Recommendation" });

test("two people watch the cockpit; a stop breach shows on both; the decision owner records Stop", async ({ browser, makeUser, db, request }) => {
  const [owner, backup, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: operator });
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [ownerPage, operatorPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  await signInAs(ownerPage, owner);
  await signInAs(operatorPage, operator);
  for (const page of [ownerPage, operatorPage]) {
    await page.goto(`/releases/${release.id}/cockpit`);
    await expect(page.getByText("● Live")).toBeVisible();
    await expect(tile(page)).toContainText("STALE");
  }

  await push(request, release.id, release.token, 0.5);
  for (const page of [ownerPage, operatorPage]) {
    await expect(tile(page)).toContainText("0.5 %");
    await expect(tile(page)).toContainText("OK");
    await expect(recommendation(page)).toContainText("GO");
  }

  await push(request, release.id, release.token, 4.1);
  for (const page of [ownerPage, operatorPage]) {
    await expect(tile(page)).toContainText("4.1 %");
    await expect(page.getByRole("listitem", { name: "Error rate: STOP" })).toBeVisible();
    await expect(recommendation(page)).toContainText("STOP");
    await expect(recommendation(page)).toContainText("Error rate 4.1 % > 2 % for 1 sample");
  }

  // The operator has no Go/Stop, and the server refuses a forged call too.
  await expect(operatorPage.getByRole("button", { name: "Go", exact: true })).toHaveCount(0);
  await expect(operatorPage.getByRole("button", { name: "Stop", exact: true })).toHaveCount(0);
  const forged = await operatorPage.request.post(`/api/v1/releases/${release.id}/decisions`, { data: { verdict: "GO", reason: "forged" } });
  expect(forged.status()).toBe(403);
  expect(await db.decision.count({ where: { releaseId: release.id } })).toBe(0);

  await ownerPage.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(ownerPage.getByText("Say why you are stopping")).toBeVisible();
  await ownerPage.getByLabel("Reason").fill("Error rate doubled after the backfill started");
  await ownerPage.getByRole("button", { name: "Stop", exact: true }).click();
  await ownerPage.getByRole("alertdialog", { name: "Confirm Stop" }).getByRole("button", { name: "Stop, keep the flag" }).click();
  for (const page of [ownerPage, operatorPage]) {
    await expect(page.getByRole("region", { name: "Activity" })).toContainText("called STOP: Error rate doubled after the backfill started");
  }

  const decision = await db.decision.findFirstOrThrow({
    where: { releaseId: release.id },
    select: { verdict: true, reason: true, actorId: true, snapshot: true },
  });
  expect(decision).toMatchObject({ verdict: "STOP", reason: "Error rate doubled after the backfill started", actorId: owner.id });
  expect(decision.snapshot).toMatchObject({
    recommendation: { verdict: "STOP" },
    signals: [{ key: "error_rate", value: 4.1, status: "STOP", reason: "Error rate 4.1 % > 2 % for 1 sample" }],
  });
  await Promise.all(contexts.map((c) => c.close()));
});

test("a stage is completed by its owner once its checklist is done, and the next stage becomes active", async ({ page, makeUser, db }) => {
  const [owner, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });
  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByRole("heading", { name: "Current stage: Expand" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark stage complete" })).toBeDisabled();
  await page.getByLabel("Columns added").check();
  await expect(page.getByRole("button", { name: "Mark stage complete" })).toBeEnabled();
  await page.getByRole("button", { name: "Mark stage complete" }).click();
  await expect(page.getByRole("heading", { name: "Current stage: Migrate" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("completed Expand; Migrate is active");
});
