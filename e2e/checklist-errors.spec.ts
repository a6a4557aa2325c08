import type { Page } from "@playwright/test";
import { expect, signInAs, test, type TestUser } from "./fixtures";

// Several saves share the checklist's error display (edit, move, remove, add): a refusal must not
// outlive a later save that worked, or the page keeps saying something is wrong when nothing is.

const STALE = "Some fields need attention";

async function newRelease(page: Page, operator: TestUser) {
  await signInAs(page, operator);
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill(`Checklist errors ${operator.id.slice(0, 6)}`);
  await page.getByRole("button", { name: "Create release" }).click();
  const expand = page.getByRole("region", { name: "Expand", exact: true });
  await expect(expand.getByRole("heading", { name: "Checklist" })).toBeVisible();
  return expand;
}

test("a refused item edit, cancelled, is gone once another change to the item succeeds", async ({ page, makeUser }) => {
  const expand = await newRelease(page, await makeUser("OPERATOR"));
  const first = (await expand
    .getByRole("button", { name: /^Edit “/ })
    .first()
    .getAttribute("aria-label"))!.slice("Edit “".length, -1);

  await expand.getByRole("button", { name: `Edit “${first}”` }).click();
  await expand.getByLabel("Checklist item text").fill("");
  await expand.getByRole("button", { name: "Save item" }).click();
  await expect(expand.getByRole("alert").filter({ hasText: STALE })).toBeVisible();
  await expect(expand.getByLabel("Checklist item text")).toHaveAccessibleDescription("Write the item");
  await expand.getByRole("button", { name: "Cancel" }).click();

  await expand.getByRole("button", { name: `Move down “${first}”` }).click();
  await expect(expand.getByRole("button", { name: `Move up “${first}”` })).toBeEnabled();
  await expect(expand.getByRole("alert")).toHaveCount(0);
});

test("a refused new item stops being reported once an edit in the checklist succeeds", async ({ page, makeUser }) => {
  const expand = await newRelease(page, await makeUser("OPERATOR"));
  await expand.getByRole("button", { name: "Add item" }).click();
  await expect(expand.getByRole("alert").filter({ hasText: STALE })).toBeVisible();

  const first = (await expand
    .getByRole("button", { name: /^Edit “/ })
    .first()
    .getAttribute("aria-label"))!.slice("Edit “".length, -1);
  await expand.getByRole("button", { name: `Edit “${first}”` }).click();
  await expand.getByLabel("Checklist item text").fill(`${first} (checked twice)`);
  await expand.getByRole("button", { name: "Save item" }).click();
  await expect(expand.getByText(`${first} (checked twice)`)).toBeVisible();
  await expect(expand.getByRole("alert")).toHaveCount(0);
});
