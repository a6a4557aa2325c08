import { runbookTemplateSteps } from "@/lib/releases/template";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The first ten minutes run live: a Stop starts the clock and turns the runbook into a checklist;
// the flag step ticks itself once the flag reads OFF; two assignees tick their own steps and each
// sees the other's tick without a reload; the report keeps it all as it happened.
test("a Stop starts the first ten minutes: clock, self-ticking flag step, ticks by two assignees, the report", async ({ browser, page, makeUser, db }) => {
  const owner = await makeUser("VIEWER");
  const dba = await makeUser("OPERATOR");
  await db.user.update({ where: { id: dba.id }, data: { contact: "@dba-oncall · +44 20 7946 0999" } });
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") }, { flagOn: true });
  const assignee = { DISABLE_FEATURE: owner.id, DATABASE_HEALTH: dba.id, ERROR_TRACKING: owner.id, DECISION: owner.id } as const;
  await db.runbookStep.createMany({ data: runbookTemplateSteps().map((step) => ({ ...step, releaseId: release.id, assigneeId: assignee[step.role] })) });

  const dbaPage = await (await browser.newContext()).newPage();
  await signInAs(dbaPage, dba);
  await dbaPage.goto(`/releases/${release.id}/cockpit`);
  await expect(dbaPage.getByText("@dba-oncall · +44 20 7946 0999")).toBeVisible();

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await page.getByLabel("Reason").fill("Error rate 3 % and climbing");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("button", { name: "Stop and turn the flag off" }).click();

  for (const p of [page, dbaPage]) {
    await expect(p.getByRole("heading", { name: "First ten minutes" })).toBeVisible();
    await expect(p.getByTestId("incident-clock")).toContainText("left of the first ten minutes");
    const flagStep = p.getByRole("checkbox", { name: /Turn the feature flag off in Switchback/ });
    await expect(flagStep).toBeChecked();
    await expect(flagStep).toBeDisabled();
    await expect(p.getByText(/by Switchback \(Built-in reads the flag OFF\)/)).toBeVisible();
  }

  // Each assignee ticks their own steps only.
  const lockWaits = (p: typeof page) => p.getByRole("checkbox", { name: /Check lock waits and long-running queries/ });
  const decisionPoint = (p: typeof page) => p.getByRole("checkbox", { name: /Call continue or stop at the decision point/ });
  await expect(lockWaits(page)).toBeDisabled();
  await expect(decisionPoint(dbaPage)).toBeDisabled();
  await lockWaits(dbaPage).check();
  await expect(lockWaits(page)).toBeChecked();
  await expect(page.getByText(new RegExp(`Done \\+\\d\\d:\\d\\d by ${dba.name}`))).toBeVisible();
  await decisionPoint(page).check();
  await expect(decisionPoint(dbaPage)).toBeChecked();
  await expect(dbaPage.getByText("3 of 8 steps done")).toBeVisible();

  await page.getByLabel("Why").fill("Backfill reverted; the old path serves everyone");
  await page.getByRole("button", { name: "Mark rolled back" }).click();
  await expect(page.getByText("Rolled back", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "First ten minutes" })).toHaveCount(0);

  await page.goto(`/releases/${release.id}/audit/report`);
  const report = page.getByRole("region", { name: "First ten minutes" });
  await expect(report).toContainText("Stop at");
  await expect(report).toContainText(`by ${owner.name}: Error rate 3 % and climbing`);
  await expect(report).toContainText("3 of 8 steps done within the first ten minutes.");
  await expect(report.getByRole("row", { name: /Check lock waits and long-running queries/ })).toContainText(dba.name);
  await expect(report.getByRole("row", { name: /Report the error rate every two minutes/ })).toContainText("Not done");
  await expect(report).toContainText(`Ended at`);
});
