import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures";

// Pipeline tokens as an admin makes them under Settings → API tokens: the scopes chosen (read
// alone unless more is ticked), one release or every release of a service, the secret shown once
// with calls that fit its scopes, and the list saying what each token may do. The server refuses
// a non-admin even when the form's action is posted by hand.

async function openPipelineForm(page: Page) {
  await page.goto("/settings/tokens");
  await page.getByLabel("Allows").selectOption("PIPELINE");
  return page.getByRole("group", { name: "Scopes" });
}

test("an admin makes a read+gate token for one release, sees its secret once and its scopes in the list", async ({ page, makeUser, db }) => {
  const admin = await makeUser("ADMIN");
  const title = `Pipeline ${randomUUID().slice(0, 8)}`;
  const release = await db.release.create({ data: { title, service: "accounts-api" }, select: { id: true } });
  await signInAs(page, admin);
  const scopes = await openPipelineForm(page);
  const name = `ci ${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Token name").fill(name);
  await expect(scopes.getByRole("checkbox", { name: /^read:/ })).toBeChecked();
  for (const other of [/^push:/, /^gate:/, /^deploy:/]) await expect(scopes.getByRole("checkbox", { name: other })).not.toBeChecked();
  await scopes.getByRole("checkbox", { name: /^gate:/ }).check();
  await expect(page.getByRole("radio", { name: "One release" })).toBeChecked();
  await page.getByLabel("Release", { exact: true }).selectOption({ label: title });
  await page.getByRole("button", { name: "Create token" }).click();

  const secret = (await page.getByLabel("New token").textContent())!.trim();
  expect(secret).toMatch(/^sbc_/);
  await expect(page.getByText(`Covers the release “${title}”.`)).toBeVisible();
  const origin = new URL(page.url()).origin;
  await expect(page.getByLabel("Curl example: gate")).toContainText(`curl '${origin}/api/v1/releases/${release.id}/gate?stage=migrate&wait=900'`);
  await expect(page.getByLabel("Curl example: gate")).toContainText(`Authorization: Bearer ${secret}`);
  await expect(page.getByLabel("Curl example: deploy")).toHaveCount(0);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Pipeline (CI/CD)");
  await expect(row).toContainText(title);
  for (const scope of ["read", "gate"]) await expect(row.getByText(scope, { exact: true })).toBeVisible();
  await expect(row.getByText("deploy", { exact: true })).toHaveCount(0);
  // The read call shown works as pasted.
  const read = await page.request.get(`${origin}/api/v1/releases/${release.id}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(read.status()).toBe(200);

  // Shown once: after a reload only the prefix is left.
  await page.reload();
  await expect(page.getByLabel("New token")).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText(secret.slice(0, 10));
});

test("a service-wide token covers every release of a service, even one not created yet", async ({ page, makeUser, db }) => {
  await signInAs(page, await makeUser("ADMIN"));
  const scopes = await openPipelineForm(page);
  const name = `svc ${randomUUID().slice(0, 8)}`;
  const service = `payments-${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Token name").fill(name);
  await scopes.getByRole("checkbox", { name: /^deploy:/ }).check();
  await page.getByRole("radio", { name: "Every release of a service" }).check();
  await page.getByLabel("Service", { exact: true }).fill(service);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New token")).toContainText("sbc_");
  await expect(page.getByLabel("Curl example: read")).toContainText(`/api/v1/releases?service=${service}`);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`every release of ${service}`);
  for (const scope of ["read", "deploy"]) await expect(row.getByText(scope, { exact: true })).toBeVisible();
  expect(await db.apiToken.findFirstOrThrow({ where: { name }, select: { releaseId: true, service: true, scopes: true } })).toEqual({
    releaseId: null,
    service,
    scopes: ["read", "deploy"],
  });
});

test("no scope, or neither a release nor a service, is refused on the field to fix", async ({ page, makeUser, db }) => {
  await signInAs(page, await makeUser("ADMIN"));
  const scopes = await openPipelineForm(page);
  const name = `incomplete ${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Token name").fill(name);
  await scopes.getByRole("checkbox", { name: /^read:/ }).uncheck();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(scopes).toHaveAccessibleDescription(/Choose at least one scope/);
  await expect(page.getByLabel("Release", { exact: true })).toHaveAccessibleDescription("Choose the release this token covers, or cover a service instead");

  await scopes.getByRole("checkbox", { name: /^read:/ }).check();
  await page.getByRole("radio", { name: "Every release of a service" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Service", { exact: true })).toHaveAccessibleDescription("Name the service this token covers, or choose one release instead");
  await expect(scopes).not.toHaveAccessibleDescription(/Choose at least one scope/);
  await expect(page.getByLabel("New token")).toHaveCount(0);
  expect(await db.apiToken.count({ where: { name } })).toBe(0);
});

test("the server refuses a pipeline token to an operator who posts the form's action by hand", async ({ page, browser, makeUser, db, baseURL }) => {
  // The admin's own creation reveals the action's id, as anyone reading the page's script could.
  await signInAs(page, await makeUser("ADMIN"));
  await page.goto("/settings/tokens");
  const [posted] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Create token" }).click(),
  ]);
  await expect(page.getByLabel("New token")).toBeVisible();

  const theirs = await browser.newContext();
  const operatorPage = await theirs.newPage();
  await signInAs(operatorPage, await makeUser("OPERATOR"));
  expect((await operatorPage.goto("/settings/tokens"))?.status()).toBe(403);
  const name = `forged ${randomUUID().slice(0, 8)}`;
  const response = await operatorPage.request.post("/settings/tokens", {
    headers: { "next-action": posted.headers()["next-action"]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL! },
    data: JSON.stringify([{ name, kind: "PIPELINE", scopes: ["read", "deploy"], service: "accounts-api" }]),
  });
  expect(await response.text()).toContain("You do not have permission to do that.");
  expect(await db.apiToken.count({ where: { name } })).toBe(0);
  await theirs.close();
});
