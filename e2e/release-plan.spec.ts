import { DEMO_RELEASE_TITLE } from "@/prisma/seed";
import { expect, signInAs, test } from "./fixtures";

test("the demo release shows its whole plan read-only", async ({ page, makeUser }) => {
  const user = await makeUser("VIEWER");
  await signInAs(page, user);
  await page.getByRole("link", { name: DEMO_RELEASE_TITLE }).click();
  await expect(page.getByRole("heading", { name: DEMO_RELEASE_TITLE, level: 1 })).toBeVisible();
  for (const heading of ["Expand", "Migrate", "Contract", "Runbook", "Go/stop criteria"]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  const expand = page.getByRole("region", { name: "Expand", exact: true });
  await expect(expand).toContainText("ALTER TABLE users ADD COLUMN first_name text;");
  await expect(expand).toContainText("Owner: Omar Haddad");
  await expect(page.getByRole("region", { name: "Contract", exact: true })).toContainText("DROP COLUMN full_name");
  await expect(page.getByRole("region", { name: "Runbook" })).toContainText("Calls continue or stop");
  await expect(page.getByRole("region", { name: "Go/stop criteria" })).toContainText("Error rate");
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("an unknown release id is a plain not-found page", async ({ page, makeUser }) => {
  const user = await makeUser("VIEWER");
  await signInAs(page, user);
  await page.goto("/releases/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
