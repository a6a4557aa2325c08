import type { Page } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

const backfillState = (page: Page) => page.getByLabel("Backfill state");
const backfillPanel = (page: Page) => page.getByRole("region", { name: "Backfill" });
const feed = (page: Page) => page.getByRole("region", { name: "Activity" });

test("an operator pauses the backfill and a viewer's cockpit shows it without a reload; resuming is the decision owner's", async ({
  browser,
  makeUser,
  db,
}) => {
  const [owner, backup, operator, viewer] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("VIEWER")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });

  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [operatorPage, viewerPage, ownerPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  await signInAs(operatorPage, operator);
  await signInAs(viewerPage, viewer);
  await signInAs(ownerPage, owner);
  for (const page of [operatorPage, viewerPage, ownerPage]) {
    await page.goto(`/releases/${release.id}/cockpit`);
    await expect(page.getByText("● Live")).toBeVisible();
    await expect(backfillState(page)).toHaveText("Backfill running");
  }
  await expect(backfillPanel(viewerPage)).toContainText(`${release.flagKey}.backfill-paused`);
  await expect(viewerPage.getByRole("button", { name: "Pause backfill" })).toHaveCount(0);

  await backfillPanel(operatorPage).getByLabel("Comment (optional)").fill("Replica lag climbing");
  await operatorPage.getByRole("button", { name: "Pause backfill" }).click();
  await expect(backfillState(operatorPage)).toHaveText("Backfill PAUSED");
  await expect(backfillState(viewerPage)).toHaveText("Backfill PAUSED");
  // The state bar says so too, at the top of the page, beside the flag.
  await expect(viewerPage.getByRole("status", { name: "Release state" })).toContainText(/Backfill\s*PAUSED/);
  await expect(backfillPanel(viewerPage)).toContainText(`Paused by ${operator.name}`);
  await expect(backfillPanel(viewerPage)).toContainText("Replica lag climbing");
  await expect(operatorPage.getByRole("button", { name: "Resume backfill" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Resume backfill" })).toHaveCount(0);

  await expect(backfillState(ownerPage)).toHaveText("Backfill PAUSED");
  await ownerPage.getByRole("button", { name: "Resume backfill" }).click();
  await expect(backfillState(viewerPage)).toHaveText("Backfill running");
  await expect(viewerPage.getByRole("status", { name: "Release state" })).not.toContainText("Backfill");
  await expect(backfillPanel(viewerPage)).toContainText(`Resumed by ${owner.name}`);

  // Both are in everyone's activity feed and in the audit trail.
  await expect(
    feed(viewerPage)
      .getByRole("listitem")
      .filter({ hasText: operator.name })
      .filter({ hasText: /backfill/i }),
  ).toHaveCount(1);
  await expect(
    feed(viewerPage)
      .getByRole("listitem")
      .filter({ hasText: owner.name })
      .filter({ hasText: /backfill/i }),
  ).toHaveCount(1);
  const trail = await db.auditEvent.findMany({
    where: { releaseId: release.id, action: { startsWith: "backfill." } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true },
  });
  expect(trail).toEqual([
    { action: "backfill.paused", actorId: operator.id },
    { action: "backfill.resumed", actorId: owner.id },
  ]);
  await Promise.all(contexts.map((c) => c.close()));
});
