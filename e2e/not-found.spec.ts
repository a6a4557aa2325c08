import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, signInAs, test } from "./fixtures";

// A signed-in user who follows a stale or mistyped link stays inside the app: an HTTP 404, the
// "Not found" card and the header, so the way back is one click. The sections are discovered from
// app/(app), so a new one is covered the day it lands.

const groupDir = path.join(process.cwd(), "app", "(app)");
const sections = readdirSync(groupDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !/^[_([]/.test(entry.name))
  .map((entry) => entry.name);

test("sections are discovered from app/(app)", () => {
  expect(sections).toEqual(expect.arrayContaining(["audit", "releases", "settings"]));
});

test("an unknown address under any section is a 404 inside the app's frame", async ({ page, makeUser, db }) => {
  await signInAs(page, await makeUser("VIEWER"));
  const demo = await db.release.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
  const addresses = ["/settings/nope", "/no-such-page", `/releases/${demo.id}/nope`, ...sections.map((section) => `/${section}/no-such-page/deeper`)];
  for (const address of addresses) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(404);
    await expect(page.getByRole("main").getByRole("heading", { name: "Not found" }), address).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }), address).toBeVisible();
  }
});

test("a signed-out visitor gets the 404 on its own, not a detour through sign-in", async ({ page }) => {
  const response = await page.goto("/settings/nope");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});
