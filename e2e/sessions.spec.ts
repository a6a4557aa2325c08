import { randomInt } from "node:crypto";
import { expect, signIn, signInAs, test } from "./fixtures";

// Sessions end on the server, not only in the browser: a copied cookie is worthless after sign-out
// or after an admin ends the user's sessions. Sign-in throttling keys on the real client address.

test("after sign-out the old session cookie no longer works", async ({ page, browser, makeUser }) => {
  const user = await makeUser("VIEWER");
  await signInAs(page, user);
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const stolen = await replay.newPage();
  await stolen.goto("/releases");
  await expect(stolen).toHaveURL(/\/sign-in$/);
  await replay.close();
});

test("an admin ends all sessions of a user from Settings → Users", async ({ page, browser, makeUser }) => {
  const admin = await makeUser("ADMIN");
  const user = await makeUser("OPERATOR");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signInAs(theirPage, user);

  await signInAs(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: user.email });
  await expect(row.getByRole("cell", { name: "1", exact: true })).toBeVisible();
  await row.getByRole("button", { name: "End all sessions" }).click();
  await expect(row.getByRole("cell", { name: "0", exact: true })).toBeVisible();

  await theirPage.goto("/releases");
  await expect(theirPage).toHaveURL(/\/sign-in$/);
  await theirs.close();
});

test("a client cannot pick its own address with X-Forwarded-For to escape the throttle", async ({ page, db, makeUser }) => {
  const user = await makeUser("VIEWER");
  const forged = [`198.51.100.${randomInt(1, 250)}`, `198.51.100.${randomInt(1, 250)}`];
  for (const address of forged) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": address });
    await signIn(page, user.email, "not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  }
  const rows = JSON.stringify(await db.$queryRawUnsafe("SELECT * FROM sign_in_throttles"));
  for (const address of forged) expect(rows).not.toContain(address);
});

test("a locked-out account is told so in plain words, even with the right password", async ({ page, db, makeUser }) => {
  const user = await makeUser("OPERATOR");
  // Ten failures would slow every other test's sign-in from this address; lock the account directly.
  await db.$executeRaw`INSERT INTO sign_in_throttles (key, failures, last_failure_at, locked_until, lockouts)
    VALUES (${`account:${user.email}`}, 0, now(), now() + interval '15 minutes', 1)`;
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins for this account\. Try again in (15|14) minutes\.$/);
  await expect(page).toHaveURL(/\/sign-in$/);
});
