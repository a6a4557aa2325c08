import { expect, signInAs, test } from "./fixtures";

// Each Filter press used to leave the previous filter form mounted beside the new one: the form
// and the results shared one React key, so the old form was never unmounted when the URL changed.

test("pressing Filter again and again leaves exactly one filter panel", async ({ page, makeUser }) => {
  const viewer = await makeUser("VIEWER");
  await signInAs(page, viewer);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();

  // A different action each time, so every press is a new URL for the page to render.
  const panel = page.getByRole("form", { name: "Filter the audit log" });
  for (const action of ["auth.signed_in", "release.created", ""]) {
    await panel.getByLabel("Action").selectOption(action);
    await panel.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(action ? new RegExp(`action=${action.replace(".", "\\.")}`) : /\/audit$/);
    await expect(page.getByRole("table")).toBeVisible();
  }
  await expect(panel).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Filter" })).toHaveCount(1);
});

test("pressing Filter three times without changes keeps one filter panel", async ({ page, makeUser }) => {
  const viewer = await makeUser("VIEWER");
  await signInAs(page, viewer);
  await page.goto("/audit?action=release.created");
  const panel = page.getByRole("form", { name: "Filter the audit log" });
  for (let press = 0; press < 3; press++) {
    await page.getByRole("button", { name: "Filter" }).first().click();
    await expect(page).toHaveURL(/action=release\.created/);
  }
  await expect(page.getByRole("table")).toBeVisible();
  await expect(panel).toHaveCount(1);
});
