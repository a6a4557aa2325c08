import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The go/stop call acts: the decision owner stops from the keyboard alone, the flag goes off and a
// viewer's open cockpit shows STOPPED and the flag OFF without a reload; then the owner records
// the outcome.
test("Stop and turn the flag off from the keyboard, seen live by a viewer, then Mark rolled back", async ({ browser, page, makeUser, db }) => {
  const owner = await makeUser("VIEWER");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") }, { flagOn: true });

  const viewerPage = await (await browser.newContext()).newPage();
  await signInAs(viewerPage, await makeUser("VIEWER"));
  await viewerPage.goto(`/releases/${release.id}/cockpit`);
  await expect(viewerPage.getByLabel("Flag state")).toHaveText("Flag is ON");
  await expect(viewerPage.getByText(/Go and Stop are called by E2E viewer/)).toBeVisible();

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await page.getByLabel("Reason").focus();
  await page.keyboard.type("Error rate 3 % and climbing");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Go", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: "Confirm Stop" });
  await expect(confirm.getByRole("button", { name: "Stop and turn the flag off" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await page.getByRole("button", { name: "Stop", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(confirm.getByRole("button", { name: "Stop and turn the flag off" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByLabel("Flag state")).toHaveText("Flag is OFF");
  await expect(viewerPage.getByText("Stopped", { exact: true })).toBeVisible();
  await expect(viewerPage.getByLabel("Flag state")).toHaveText("Flag is OFF");
  await expect(page.getByRole("button", { name: "Mark stage complete" })).toHaveCount(0);

  await page.getByLabel("Why").fill("Backfill reverted; the old path serves everyone");
  await page.getByRole("button", { name: "Mark rolled back" }).click();
  await expect(page.getByText("Rolled back", { exact: true })).toBeVisible();
  await expect(viewerPage.getByText("Rolled back", { exact: true })).toBeVisible();
});
