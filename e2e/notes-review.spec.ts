import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Notes go on the timeline during the deploy, live for everyone; once the release has ended, the
// report's Review holds what happened and the follow-ups with owners, next to those notes.
test("a note during the deploy reaches a viewer live; the review is written after the release ends", async ({ browser, page, makeUser, db }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") }, { flagOn: true });

  const viewerPage = await (await browser.newContext()).newPage();
  await signInAs(viewerPage, await makeUser("VIEWER"));
  await viewerPage.goto(`/releases/${release.id}/cockpit`);
  await expect(viewerPage.getByRole("button", { name: "Add note" })).toHaveCount(0);

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await page.getByLabel("Note for the timeline").fill("Paged the DBA: lock waits at 12");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(viewerPage.getByText("noted: Paged the DBA: lock waits at 12")).toBeVisible();

  await page.getByLabel("Reason").fill("Lock waits climbing");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("button", { name: "Stop and turn the flag off" }).click();
  await page.getByLabel("Why").fill("Backfill reverted");
  await page.getByRole("button", { name: "Mark rolled back" }).click();
  await expect(page.getByText("Rolled back", { exact: true })).toBeVisible();

  await page.goto(`/releases/${release.id}/audit/report`);
  const review = page.getByRole("region", { name: "Review" });
  await expect(review).toContainText("Nobody has written the review yet.");
  await expect(review).toContainText(`${owner.name}: Paged the DBA: lock waits at 12`);
  await review.getByLabel("What happened").fill("The backfill's batches of 50,000 rows held row locks for 40 s.");
  await review.getByRole("button", { name: "Save review" }).click();
  await review.getByLabel("Follow-up").fill("Batch the backfill by 1,000 rows");
  await review.getByLabel("Owner").selectOption({ label: owner.name });
  await review.getByRole("button", { name: "Add follow-up" }).click();
  await expect(review.getByRole("row", { name: /Batch the backfill by 1,000 rows/ })).toContainText(owner.name);

  await page.reload();
  await expect(page.getByRole("region", { name: "Review" })).toContainText("held row locks for 40 s");
  await expect(page.getByRole("region", { name: "Review" })).toContainText(`Last edited by ${owner.name}`);
});
