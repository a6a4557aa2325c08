import { expect, signInAs, test, type TestUser } from "./fixtures";
import type { Page } from "@playwright/test";

const DROP = "ALTER TABLE users DROP COLUMN full_name;";

async function editStage(page: Page, stage: string, fields: { owner?: TestUser; sql?: string; rollback?: string }) {
  const section = page.getByRole("region", { name: stage, exact: true });
  await section.getByRole("button", { name: `Edit ${stage}` }).click();
  if (fields.owner) await section.getByLabel(`${stage} owner`).selectOption({ label: fields.owner.name });
  if (fields.sql !== undefined) await section.getByLabel(`${stage} SQL`).fill(fields.sql);
  if (fields.rollback) await section.getByLabel(`${stage} rollback note`).fill(fields.rollback);
  return section;
}

async function saveStage(page: Page, stage: string) {
  const section = page.getByRole("region", { name: stage, exact: true });
  await section.getByRole("button", { name: `Save ${stage}` }).click();
  await expect(section.getByRole("button", { name: `Edit ${stage}` })).toBeVisible();
}

test("an operator plans a release from the template through to ready", async ({ page, makeUser }) => {
  test.setTimeout(120_000);
  const operator = await makeUser("OPERATOR");
  const backup = await makeUser("OPERATOR");
  const title = `Split full_name ${operator.id.slice(0, 6)}`;

  await signInAs(page, operator);
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  for (const heading of ["Expand", "Migrate", "Contract", "Runbook", "Go/stop criteria", "Readiness"]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }

  // A drop in Expand is blocked, with advice, while typing.
  const expand = await editStage(page, "Expand", { sql: DROP });
  const expandFindings = expand.getByRole("region", { name: "Expand findings" });
  await expect(expandFindings).toContainText("Error");
  await expect(expandFindings).toContainText("belongs in Contract");

  // Moved to Contract, it becomes the proof requirement instead.
  await expand.getByLabel("Expand SQL").fill("SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN first_name text;");
  await expect(expandFindings).toContainText("No findings.");
  await expand.getByLabel("Expand owner").selectOption({ label: operator.name });
  await expand.getByLabel("Expand rollback note").fill("Leave the new column; nothing reads it yet.");
  await saveStage(page, "Expand");

  const contract = await editStage(page, "Contract", {
    owner: operator,
    sql: `SET lock_timeout = '2s';\n${DROP}`,
    rollback: "Restore full_name from the pre-drop snapshot.",
  });
  const contractFindings = contract.getByRole("region", { name: "Contract findings" });
  await expect(contractFindings).toContainText("Proof required");
  await expect(contractFindings).not.toContainText("Error");
  await saveStage(page, "Contract");
  await expect(contract.getByRole("region", { name: "Contract findings" })).toContainText("Proof required");

  await editStage(page, "Migrate", { owner: backup, rollback: "Turn the flag off; pause the backfill." });
  await saveStage(page, "Migrate");

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Flag key").fill(`split-name-${operator.id.slice(0, 8)}`);
  await page.getByLabel("Decision owner").selectOption({ label: operator.name });
  await page.getByLabel("Backup", { exact: true }).selectOption({ label: backup.name });
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();

  const runbook = page.getByRole("region", { name: "Runbook" });
  for (const [label, who] of [
    ["Who disables the feature", backup],
    ["Who checks database health", operator],
    ["Who watches error tracking", backup],
    ["Who calls continue or stop", operator],
  ] as const) {
    await runbook.getByLabel(label).selectOption({ label: who.name });
    await expect(runbook.getByLabel(label)).toHaveValue(who.id);
  }

  const criteria = page.getByRole("region", { name: "Go/stop criteria" });
  await criteria.getByRole("button", { name: "Add a criterion" }).click();
  await criteria.getByLabel("Signal", { exact: true }).fill("Error rate");
  await criteria.getByLabel("Stop threshold (%)").fill("2");
  // The source's own fields come from its config: Prometheus asks for PromQL, push for nothing.
  await criteria.getByLabel("Values come from").selectOption({ label: "Prometheus query" });
  // This server has no PROMETHEUS_URL: the choice says so where it is made.
  await expect(criteria.getByText("Prometheus is not configured on this server")).toBeVisible();
  await criteria.getByRole("button", { name: "Add criterion" }).click();
  await expect(criteria.getByText("Give the PromQL expression to poll")).toBeVisible();
  await criteria.getByLabel("Values come from").selectOption({ label: "Pushed through the API" });
  await expect(criteria.getByLabel("PromQL")).toHaveCount(0);
  await expect(criteria.getByText("Prometheus is not configured on this server")).toHaveCount(0);
  await criteria.getByRole("button", { name: "Add criterion" }).click();
  await expect(criteria.getByRole("cell", { name: "> 2 %" })).toBeVisible();

  const drills = page.getByRole("region", { name: "Rollback drills" });
  await drills.getByRole("button", { name: "Record a drill" }).click();
  await drills.getByLabel("Drill notes").fill("Flag off on staging; reads back on full_name in 4 s.");
  await drills.getByRole("button", { name: "Record drill" }).click();
  await expect(drills).toContainText("Passed");

  const readiness = page.getByRole("region", { name: "Readiness" });
  await expect(readiness).toContainText("9 of 9 checks pass");
  await readiness.getByRole("button", { name: "Mark ready" }).click();
  await expect(readiness.getByRole("button", { name: "Return to draft" })).toBeVisible();
  await expect(page.getByRole("heading", { name: title, level: 1 }).locator("..")).toContainText("Ready");
});

test("a viewer sees the plan read-only", async ({ page, makeUser, db }) => {
  const viewer = await makeUser("VIEWER");
  const release = await db.release.findFirstOrThrow({ where: { isDemo: true }, select: { id: true, title: true } });
  await signInAs(page, viewer);
  await page.goto(`/releases/${release.id}`);
  await expect(page.getByRole("heading", { name: release.title, level: 1 })).toBeVisible();
  for (const heading of ["Expand", "Migrate", "Contract", "Runbook", "Go/stop criteria", "Readiness"]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Mark ready|Add|Record|Remove/ })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  for (const box of await page.getByRole("checkbox").all()) await expect(box).toBeDisabled();
  await expect(page.getByText("You can read this plan")).toBeVisible();
});

test("the second of two people saving the same release is told what changed, nothing is lost, and Reload and reapply keeps both", async ({
  browser,
  makeUser,
  db,
}) => {
  const [alice, bob] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await db.release.create({ data: { title: `Conflict ${alice.id.slice(0, 6)}`, service: "accounts-api" }, select: { id: true } });
  const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [pageA, pageB] = await Promise.all([a.newPage(), b.newPage()]);
  await signInAs(pageA, alice);
  await signInAs(pageB, bob);
  for (const page of [pageA, pageB]) {
    await page.goto(`/releases/${release.id}`);
    await page.getByRole("button", { name: "Edit details" }).click();
  }

  await pageA.getByLabel("Service").fill("billing-api");
  await pageA.getByRole("button", { name: "Save details" }).click();
  await expect(pageA.getByRole("button", { name: "Edit details" })).toBeVisible();

  await pageB.getByLabel("Summary").fill("Bob's careful summary of the change.");
  await pageB.getByRole("button", { name: "Save details" }).click();
  const alert = pageB.getByRole("main").getByRole("alert");
  await expect(alert).toContainText(`${alice.name} changed this release`);
  await expect(alert).toContainText("Your edit was not saved");
  await expect(pageB.getByLabel("Summary")).toHaveValue("Bob's careful summary of the change.");

  expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { service: true, summary: true } })).toEqual({
    service: "billing-api",
    summary: "",
  });

  // The page is live, so Alice's change is already here: Bob sees what she changed and reapplies.
  await expect(pageB.getByText("They changed Service.")).toBeVisible();
  await pageB.getByRole("button", { name: "Reload and reapply" }).click();
  await expect(pageB.getByRole("button", { name: "Edit details" })).toBeVisible();
  expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { service: true, summary: true } })).toEqual({
    service: "billing-api",
    summary: "Bob's careful summary of the change.",
  });
  await a.close();
  await b.close();
});
