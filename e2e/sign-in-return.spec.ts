import { expect, test } from "./fixtures";

// A link from chat (the cockpit of a release) must survive the detour through sign-in, and the
// detour must never lead off this site, whatever a crafted link puts in callbackUrl.

async function submitSignIn(page: import("@playwright/test").Page, user: { email: string; password: string }) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a signed-out visit to a cockpit link lands on that cockpit after sign-in", async ({ page, makeUser, db }) => {
  const viewer = await makeUser("VIEWER");
  const release = await db.release.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
  const cockpit = `/releases/${release.id}/cockpit`;

  await page.goto(cockpit);
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(cockpit)}`);
  await submitSignIn(page, viewer);
  await expect(page).toHaveURL(cockpit);
  await expect(page.getByRole("region", { name: "Health signals" })).toBeVisible();
});

test("the query string of the page you were going to survives sign-in", async ({ page, makeUser }) => {
  const viewer = await makeUser("VIEWER");
  await page.goto("/audit?action=release.created");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await submitSignIn(page, viewer);
  await expect(page).toHaveURL("/audit?action=release.created");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
});

for (const target of ["//evil.example/x", "https://evil.example/x", "/\\evil.example/x", "/\t/evil.example/x", "javascript:alert(1)"]) {
  test(`a callbackUrl of ${JSON.stringify(target)} is refused: sign-in lands on the releases`, async ({ page, makeUser }) => {
    const user = await makeUser("VIEWER");
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await submitSignIn(page, user);
    await expect(page).toHaveURL(/\/releases$/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    await expect(page.getByRole("heading", { name: "Releases", level: 1, exact: true })).toBeVisible();
  });
}

test("a signed-in visitor to the sign-in page goes on to a safe callbackUrl, not an unsafe one", async ({ page, makeUser }) => {
  const user = await makeUser("VIEWER");
  await page.goto("/sign-in");
  await submitSignIn(page, user);
  await expect(page).toHaveURL(/\/releases$/);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/audit")}`);
  await expect(page).toHaveURL("/audit");
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example")}`);
  await expect(page).toHaveURL(/\/releases$/);
});
