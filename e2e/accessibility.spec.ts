import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import type { Db } from "@/lib/db";
import { expect, signInAs, test, type TestUser } from "./fixtures";

// Every page of the app, found from app/ rather than listed by hand, so a new page is checked
// the day it lands. Each is visited as an admin with a release in progress (the richest state of
// the cockpit, plan and runbook), checked with axe for serious and critical violations, and then at
// 390 px for content wider than the viewport (a phone on the incident call must not scroll sideways).

const appDir = path.join(process.cwd(), "app");

function routeFiles(dir: string, file: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") || entry.name === "api" ? [] : routeFiles(full, file);
    return entry.name === file ? [path.relative(appDir, dir)] : [];
  });
}

// "(app)/releases/[id]/cockpit" → "/releases/:id/cockpit": route groups add nothing to the URL.
const toRoute = (dir: string) =>
  "/" +
  dir
    .split(path.sep)
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .map((part) => (part === "[id]" ? ":id" : part))
    .join("/");

// A not-found file inside a route group is reached by a page of that group calling notFound() (an
// unknown release); elsewhere by an address under its folder that no page matches.
const notFoundRoute = (dir: string) =>
  /\(app\)$/.test(dir) ? "/releases/00000000-0000-4000-8000-000000000000" : `${toRoute(dir).replace(/\/$/, "")}/no-such-page`;
// Pages of one release are visited twice: with a fresh release in progress, and with the seeded demo
// release, whose SQL, lint findings and runbook are what make a narrow screen overflow. (Visits only
// read the demo release, so sharing it between tests is safe.)
const pages = [
  ...routeFiles(appDir, "page.tsx").flatMap((dir) => {
    const route = toRoute(dir);
    return route.includes(":id")
      ? [
          { name: route, route, demo: false },
          { name: `${route} (demo release)`, route, demo: true },
        ]
      : [{ name: route, route, demo: false }];
  }),
  ...routeFiles(appDir, "not-found.tsx").map((dir) => ({ name: `not found (${dir || "app"})`, route: notFoundRoute(dir), demo: false })),
];

const signedOut = new Set(["/sign-in"]);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}

// The innermost elements whose right edge passes the viewport, when the document is wider than it.
function tooWide(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 0.5);
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} → ${Math.round(el.getBoundingClientRect().right)}px`);
  });
}

// A release in progress whose flag is ON, so the cockpit shows the kill switch's buttons too.
async function liveRelease(db: Db, admin: TestUser, backup: TestUser) {
  const release = await makeLiveRelease(db, { decision: admin, backup, creator: admin });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey!, environment: "production", enabled: true } });
  return release;
}

test("every page in app/ is in the checked list", () => {
  // Guards the discovery itself: if the folders move, the list must not silently shrink.
  expect(pages.map((p) => p.route)).toEqual(expect.arrayContaining(["/sign-in", "/releases", "/releases/:id/cockpit", "/settings/tokens"]));
});

for (const { name, route, demo } of pages) {
  test(`${name}: no serious or critical axe violations, and nothing wider than 390 px`, async ({ page, makeUser, db }) => {
    if (!signedOut.has(route)) {
      const admin = await makeUser("ADMIN");
      const release = demo
        ? await db.release.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } })
        : await liveRelease(db, admin, await makeUser("OPERATOR"));
      await signInAs(page, admin);
      await page.goto(route.replace(":id", release.id));
    } else {
      await page.goto(route);
    }
    await expect(page.getByRole("main")).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    // On failure the message names the elements that stick out, which is where a fix starts.
    await expect.poll(() => tooWide(page)).toEqual([]);
    // A phone's layout has its own failures (a table that now scrolls must be reachable by keyboard).
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("the cockpit's skip link moves focus to the kill switch, which precedes the signals in tab order and on a phone", async ({ page, makeUser, db }) => {
  const admin = await makeUser("ADMIN");
  const release = await liveRelease(db, admin, await makeUser("OPERATOR"));
  await signInAs(page, admin);
  await page.goto(`/releases/${release.id}/cockpit`);
  const killSwitch = page.getByRole("region", { name: "Kill switch" });
  const signals = page.getByRole("region", { name: "Health signals" });
  await expect(signals).toBeVisible();

  const skip = page.getByRole("link", { name: "Skip to kill switch" });
  await skip.focus();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(killSwitch).toBeFocused();
  // Tab order follows the document (no positive tabindex anywhere), so the kill switch must come first in it.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Turn flag off" })).toBeFocused();
  expect(
    await killSwitch.evaluate((el, other) => Boolean(el.compareDocumentPosition(other!) & Node.DOCUMENT_POSITION_FOLLOWING), await signals.elementHandle()),
  ).toBe(true);

  await page.setViewportSize({ width: 390, height: 844 });
  const [switchBox, signalsBox] = [await killSwitch.boundingBox(), await signals.boundingBox()];
  expect(switchBox!.y).toBeLessThan(signalsBox!.y);
});
