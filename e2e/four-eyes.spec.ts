import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Four eyes on the kill switch, as two people on a call see it: the decision owner asks, the
// backup's open cockpit shows the request without a reload, the backup approves, and both see
// the flag on. The owner cannot approve their own request.
test("the decision owner's Turn flag on waits for the backup, live on both cockpits", async ({ browser, page, makeUser, db }) => {
  const owner = await makeUser("VIEWER");
  const backup = await makeUser("VIEWER");
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: await makeUser("ADMIN") });
  const { flagKey } = await db.release.update({ where: { id: release.id }, data: { fourEyes: true }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: false } });

  const backupPage = await (await browser.newContext()).newPage();
  await signInAs(backupPage, backup);
  await backupPage.goto(`/releases/${release.id}/cockpit`);
  await expect(backupPage.getByLabel("Flag state")).toHaveText("Flag is OFF");

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await page.getByRole("button", { name: "Turn flag on" }).click();
  await page.getByRole("group", { name: "Confirm turning the flag on" }).getByRole("button", { name: "Yes, turn it on" }).click();
  const request = page.getByRole("status", { name: "Flag-on request" });
  await expect(request).toContainText(`${owner.name} asked to turn the flag on`);
  await expect(request.getByRole("button", { name: "Approve flag on" })).toHaveCount(0);
  await expect(page.getByLabel("Flag state")).toHaveText("Flag is OFF");

  await expect(backupPage.getByRole("status", { name: "Flag-on request" })).toContainText(owner.name);
  await backupPage.getByRole("button", { name: "Approve flag on" }).click();
  await expect(backupPage.getByLabel("Flag state")).toHaveText("Flag is ON");
  await expect(page.getByLabel("Flag state")).toHaveText("Flag is ON");
  await expect(page.getByRole("status", { name: "Flag-on request" })).toHaveCount(0);
  await expect(page.getByText(`turned the flag on (four eyes: approving ${owner.name}'s request)`)).toBeVisible();
});
