import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Nothing yet is said in words, never shown as a blank that reads as "all quiet".
test("a chart without samples and a Go/stop panel before the deploy say so", async ({ page, makeUser, db }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") });
  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByRole("region", { name: /over the last 15 minutes/ })).toContainText("No samples in this window yet.");

  await db.release.update({ where: { id: release.id }, data: { status: "READY" } });
  await page.reload();
  await expect(page.getByRole("region", { name: "Go/stop decision" })).toContainText("No go/stop call yet: Go and Stop open once the deploy has started.");
});
