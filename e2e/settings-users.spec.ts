import { randomUUID } from "node:crypto";
import { expect, signIn, signInAs, test } from "./fixtures";

// Settings → Users and API tokens as an admin uses them: an account made here works with the
// password shown once, follows a role change, and is locked out (sessions and sign-in) when
// disabled. An untouched New token form makes a token ready to paste into a shell.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin creates a user, who signs in with the shown password, then changes their role and disables them", async ({ page, browser, makeUser }) => {
  const admin = await makeUser("ADMIN");
  await signInAs(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users", exact: true }).click();
  const name = `E2E newcomer ${randomUUID().slice(0, 8)}`;
  const email = `newcomer-${randomUUID()}@e2e.switchback.test`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Create user" }).click();
  const password = (await page.getByLabel("Initial password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(20);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

  // The same email again is refused on its field.
  await page.getByLabel("Name", { exact: true }).fill("Twin");
  await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Another account already uses this email");

  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signInAs(theirPage, { email, password });
  await expect(theirPage.getByRole("link", { name: "New release" })).toHaveCount(0);

  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByLabel(`Role for ${name}`).selectOption("OPERATOR");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("cell", { name: "Operator", exact: true })).toBeVisible();
  // An operator may create plans: the role applies on their next request, no new sign-in needed.
  await theirPage.goto("/releases");
  await expect(theirPage.getByRole("link", { name: "New release" })).toBeVisible();

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
  await theirPage.goto("/releases");
  await expect(theirPage).toHaveURL(/\/sign-in$/);
  await signIn(theirPage, email, password);
  await expect(theirPage.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect");
  await expect(theirPage).toHaveURL(/\/sign-in$/);
  await theirs.close();
});

test("an admin is not offered to disable their own account", async ({ page, makeUser }) => {
  const admin = await makeUser("ADMIN");
  await signInAs(page, admin);
  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ hasText: admin.email });
  await expect(row.getByRole("button", { name: "Disable" })).toBeDisabled();
});

test("the untouched New token form makes a token, with Copy and a curl example that works", async ({ page, makeUser }) => {
  const admin = await makeUser("ADMIN");
  await signInAs(page, admin);
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByLabel("New token").textContent())!.trim();
  expect(secret).toMatch(/^sbr_/);

  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const origin = new URL(page.url()).origin;
  const example = page.getByLabel("Curl example");
  await expect(example).toContainText(`curl -X POST '${origin}/ofrep/v1/evaluate/flags'`);
  await expect(example).toContainText(`Authorization: Bearer ${secret}`);
  await expect(example).toContainText(`-d '{"context":{}}'`);
  const response = await page.request.post(`${origin}/ofrep/v1/evaluate/flags`, {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: { context: {} },
  });
  expect(response.status()).toBe(200);
});
