import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, signInAs, test } from "./fixtures";

// A page the signed-in user may not see answers HTTP 403 (not 200) and says, inside the app's own
// frame, what they may not do there. The pages are discovered from app/: every page that calls
// forbidden() has a forbidden.tsx beside it with its reason.

const appDir = path.join(process.cwd(), "app");
const files = readdirSync(appDir, { recursive: true }) as string[];
const routeOf = (dir: string) =>
  `/${dir
    .split(path.sep)
    .filter((part) => part && !part.startsWith("("))
    .join("/")}`;
const refusingPages = files.filter((file) => path.basename(file) === "page.tsx" && /\bforbidden\(/.test(readFileSync(path.join(appDir, file), "utf8")));

test("every page that refuses has its own forbidden.tsx saying why", () => {
  expect(refusingPages.length).toBeGreaterThan(0);
  const withoutReason = refusingPages.filter((page) => !files.includes(path.join(path.dirname(page), "forbidden.tsx")));
  expect(withoutReason).toEqual([]);
  // The old way rendered the refusal as an ordinary page, answered 200.
  const stillInline = files.filter(
    (file) => path.basename(file) === "page.tsx" && /components\/ui\/forbidden/.test(readFileSync(path.join(appDir, file), "utf8")),
  );
  expect(stillInline).toEqual([]);
});

test("a viewer gets 403 and the reason on every page that refuses", async ({ page, makeUser }) => {
  await signInAs(page, await makeUser("VIEWER"));
  for (const route of refusingPages.map((file) => routeOf(path.dirname(file)))) {
    const response = await page.goto(route);
    expect(response?.status(), route).toBe(403);
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    // A sentence beyond the heading: what it needs, not only "no".
    await expect(alert.getByRole("paragraph")).toHaveText(/\w+ .+\.$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
});

test("a viewer on /releases/new is told creating a release needs the operator or admin role", async ({ page, makeUser }) => {
  await signInAs(page, await makeUser("VIEWER"));
  const response = await page.goto("/releases/new");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Creating a release needs the operator or admin role.");
  await expect(page.getByRole("main").getByRole("alert").getByRole("link", { name: "Back to releases" })).toBeVisible();
});

test("an operator may create a release but not manage users; an admin may", async ({ page, makeUser }) => {
  await signInAs(page, await makeUser("OPERATOR"));
  expect((await page.goto("/releases/new"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "New release", level: 1 })).toBeVisible();
  expect((await page.goto("/settings/users"))?.status()).toBe(403);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Users are managed by admins.");

  await signInAs(page, await makeUser("ADMIN"));
  expect((await page.goto("/settings/users"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toHaveCount(0);
});
