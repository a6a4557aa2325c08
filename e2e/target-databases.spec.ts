import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import pg from "pg";
import { databaseUrl, expect, signInAs, test } from "./fixtures";

// Settings → Target databases, as an admin registers and checks the database a release migrates.
// The target is a database of its own on the e2e cluster, made for the test and dropped after it.

async function onAdminConnection(statement: string) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Port 1 on loopback refuses at once: a registered target that never answers.
async function addUnreachableTarget(page: Page, name: string, database: string) {
  await page.goto("/settings/target-databases");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Connection URL").fill(`postgresql://reader:secret@127.0.0.1:1/${database}`);
  await page.getByRole("button", { name: "Add database" }).click();
  return page.getByRole("row").filter({ hasText: name });
}

test("an admin adds a target, tests it, and never sees its password again", async ({ page, makeUser }) => {
  const database = `target_${randomUUID().replaceAll("-", "")}`;
  await onAdminConnection(`CREATE DATABASE ${database}`);
  try {
    const url = new URL(databaseUrl());
    url.pathname = `/${database}`;
    const name = `shop ${randomUUID().slice(0, 8)}`;
    await signInAs(page, await makeUser("ADMIN"));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Target databases" }).click();
    await expect(page.getByRole("heading", { name: "Target databases", level: 1 })).toBeVisible();

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Connection URL").fill("mysql://root@db/shop");
    await page.getByRole("button", { name: "Add database" }).click();
    await expect(page.getByText("Enter a postgres:// or postgresql:// URL")).toBeVisible();

    await page.getByLabel("Connection URL").fill(url.toString());
    await page.getByRole("button", { name: "Add database" }).click();
    const row = page.getByRole("table", { name: "Target databases" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`postgresql://postgres:••••••@127.0.0.1:${url.port}/${database}`);
    await expect(row).toContainText("Not tested yet");
    await expect(page.getByLabel("Connection URL")).toHaveValue("");
    expect(await page.content()).not.toContain(decodeURIComponent(url.password));

    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row).toContainText(/Connected: PostgreSQL \d+\.\d+\./);
    await expect(row).toContainText("pg_stat_statements");

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Connection URL").fill(url.toString());
    await page.getByRole("button", { name: "Add database" }).click();
    await expect(page.getByText("A target database with this name already exists")).toBeVisible();

    await row.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await onAdminConnection(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});

test("a target that does not answer is told in one sentence", async ({ page, makeUser }) => {
  const name = `down ${randomUUID().slice(0, 8)}`;
  await signInAs(page, await makeUser("ADMIN"));
  const row = await addUnreachableTarget(page, name, "shop");
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row).toContainText("Nothing is listening on 127.0.0.1:1: the connection was refused.");
});

test("an operator cannot reach target databases", async ({ page, makeUser }) => {
  await signInAs(page, await makeUser("OPERATOR"));
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Target databases" })).toHaveCount(0);
  expect((await page.goto("/settings/target-databases"))?.status()).toBe(403);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Target databases are managed by admins.");
});

test("a plan names its target database, and the target cannot be removed while the plan uses it", async ({ page, makeUser }) => {
  const name = `orders ${randomUUID().slice(0, 8)}`;
  const title = `Watch ${name}`;
  await signInAs(page, await makeUser("ADMIN"));
  await expect(await addUnreachableTarget(page, name, "orders")).toBeVisible();

  await page.goto("/releases/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Target database").selectOption({ label: name });
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: name })).toBeVisible();

  await page.goto("/settings/target-databases");
  await page
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("button", { name: `Remove ${name}` })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: `is the target database of “${title}”` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(1);
});
