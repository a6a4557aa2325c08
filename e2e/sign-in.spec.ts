import { DEMO_RELEASE_TITLE } from "@/prisma/seed";
import { demoLogins, expect, signIn, signInAs, test } from "./fixtures";

test("an anonymous visit is sent to the sign-in page", async ({ page }) => {
  await page.goto("/releases");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password says only that email or password is incorrect", async ({ page, makeUser }) => {
  const user = await makeUser("OPERATOR");
  await signIn(page, user.email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
});

test("an empty form gets field-level errors", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

for (const role of ["VIEWER", "OPERATOR", "ADMIN"] as const) {
  test(`the demo ${role.toLowerCase()} signs in and sees the releases list`, async ({ page }) => {
    const login = demoLogins().find((l) => l.role === role)!;
    await signIn(page, login.email, login.password);
    await expect(page).toHaveURL(/\/releases$/);
    await expect(page.getByRole("heading", { name: "Releases", level: 1, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: DEMO_RELEASE_TITLE })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(login.name);
  });
}

test("signing out ends the session", async ({ page, makeUser }) => {
  const user = await makeUser("VIEWER");
  await signInAs(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/releases");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("after sign-in the user lands where they were going", async ({ page, makeUser }) => {
  const user = await makeUser("VIEWER");
  await page.goto("/sign-in?callbackUrl=%2Freleases%3Fx%3D1");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/releases\?x=1$/);
});
