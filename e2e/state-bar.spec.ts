import type { Page } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

const stateBar = (page: Page) => page.getByRole("status", { name: "Release state" });

// A cockpit that cannot be misread: after a Stop, a viewer's state bar says STOPPED, the flag OFF
// and who called it, without a reload; the plan page tops with the same bar; the recommendation
// no longer says GO over a flag that is off; turning the flag back on asks first and its reason
// reaches the activity feed.
test("the state bar follows a Stop live, and turning the flag on is confirmed with a reason", async ({ browser, page, makeUser, db, request }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  const push = await request.post(`/api/v1/releases/${release.id}/signals`, {
    headers: { Authorization: `Bearer ${release.token}` },
    data: [{ signal: "error_rate", value: 0.4 }],
  });
  expect(push.status()).toBe(202);

  const viewerPage = await (await browser.newContext()).newPage();
  await signInAs(viewerPage, await makeUser("VIEWER"));
  await viewerPage.goto(`/releases/${release.id}/cockpit`);
  await expect(stateBar(viewerPage)).toContainText("IN PROGRESS");
  await expect(stateBar(viewerPage)).toContainText("Expand");
  await expect(stateBar(viewerPage)).toContainText("No go/stop call yet");
  await expect(viewerPage.getByRole("status", { name: "Recommendation" })).toContainText("GO");

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await page.getByLabel("Reason").fill("Error rate 3 % after the backfill");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Confirm Stop" }).getByRole("button", { name: "Stop and turn the flag off" }).click();

  const bar = stateBar(viewerPage);
  await expect(bar).toContainText("STOPPED");
  await expect(bar.getByRole("definition").filter({ hasText: "read from" })).toContainText("OFF");
  await expect(bar).toContainText(`STOPPED by ${owner.name}`);
  await expect(bar).toContainText("Error rate 3 % after the backfill");
  const recommendation = viewerPage.getByRole("status", { name: "Recommendation" });
  await expect(recommendation).toContainText("NEW PATH OFF");
  await expect(recommendation).not.toContainText(/\bGO\b/);

  await viewerPage.goto(`/releases/${release.id}`);
  await expect(stateBar(viewerPage)).toContainText("STOPPED");
  await expect(stateBar(viewerPage)).toContainText(`STOPPED by ${owner.name}`);

  await page.getByRole("button", { name: "Turn flag on" }).click();
  const confirm = page.getByRole("group", { name: "Confirm turning the flag on" });
  await expect(confirm.getByLabel("Reason for turning it on (optional)")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(page.getByLabel("Flag state")).toHaveText("Flag is OFF");

  await page.getByRole("button", { name: "Turn flag on" }).click();
  await confirm.getByLabel("Reason for turning it on (optional)").fill("Fix deployed, retrying on the new path");
  await confirm.getByRole("button", { name: "Yes, turn it on" }).click();
  await expect(page.getByLabel("Flag state")).toHaveText("Flag is ON");
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("turned the flag on: Fix deployed, retrying on the new path");
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("turned the flag off as part of the Stop: Error rate 3 % after the backfill");
});
