import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseUrl, expect, signInAs, test } from "./fixtures";
import { makeLiveRelease } from "./live-release";

// The "Schema check" of a stage against a real target database (a database of its own on the e2e
// cluster): "Mark stage complete" is refused while the Expand SQL is not applied, and the decision
// owner completes it anyway with a written reason, which the plan and the report then show. On a
// phone's width: the line and the override must read there.

async function onTarget(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

test.use({ viewport: { width: 390, height: 844 } });

test("the decision owner completes Expand over a failing schema check, with a reason the report shows", async ({ page, db, makeUser }) => {
  test.setTimeout(120_000);
  const database = `schema_${randomUUID().replaceAll("-", "")}`;
  await onTarget(databaseUrl(), `CREATE DATABASE ${database}`);
  const url = new URL(databaseUrl());
  url.pathname = `/${database}`;
  try {
    await onTarget(url.toString(), "CREATE TABLE users (id bigint PRIMARY KEY, full_name text, first_name text)");
    const name = `shop ${randomUUID().slice(0, 8)}`;
    await signInAs(page, await makeUser("ADMIN"));
    await page.goto("/settings/target-databases");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Connection URL").fill(url.toString());
    await page.getByRole("button", { name: "Add database" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
    const target = await db.targetDatabase.findUniqueOrThrow({ where: { name }, select: { id: true } });

    const [owner, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
    const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });
    await db.release.update({ where: { id: release.id }, data: { targetDatabaseId: target.id } });
    await db.stage.updateMany({
      where: { releaseId: release.id, kind: "EXPAND" },
      data: { sql: "ALTER TABLE users ADD COLUMN first_name text;\nALTER TABLE users ADD COLUMN last_name text;" },
    });
    await db.checklistItem.updateMany({ where: { stage: { releaseId: release.id, kind: "EXPAND" } }, data: { done: true } });

    await signInAs(page, owner);
    await page.goto(`/releases/${release.id}/cockpit`);
    const stagePanel = page.getByRole("region", { name: "Current stage: Expand" });
    await expect(stagePanel.getByTestId("schema-check-expand")).toContainText("Schema check");
    await stagePanel.getByRole("button", { name: "Mark stage complete" }).click();
    await expect(stagePanel.getByRole("alert")).toContainText("Not applied yet: column users.last_name is missing.");

    await stagePanel.getByRole("button", { name: "Complete anyway" }).click();
    await expect(stagePanel.getByText("Say why you complete it anyway")).toBeVisible();
    await stagePanel.getByLabel("Override reason").fill("last_name is added by the hotfix deploy tonight");
    await stagePanel.getByRole("button", { name: "Complete anyway" }).click();
    await expect(page.getByRole("heading", { name: "Current stage: Migrate" })).toBeVisible();

    await page.goto(`/releases/${release.id}`);
    const expandLine = page.getByTestId("schema-check-expand");
    await expect(expandLine).toContainText("Not applied yet: column users.last_name is missing");
    await expect(expandLine).toContainText("Completed over a failing check, with the reason: “last_name is added by the hotfix deploy tonight”");
    await expect(page.getByTestId("schema-check-migrate")).toContainText("Migrate has no schema check: its SQL signals speak for it.");

    await page.goto(`/releases/${release.id}/audit/report`);
    await expect(page.getByRole("region", { name: "Overrides" })).toContainText("last_name is added by the hotfix deploy tonight");
  } finally {
    await onTarget(databaseUrl(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});
