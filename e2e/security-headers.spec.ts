import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import { expect, signIn, signInAs, test } from "./fixtures";

// Pages carry a nonce-based CSP and the other edge headers, the app still works under that
// policy (no violation on any main page), and an unknown address is an HTTP 404.

// Collects every CSP violation the browser reports on this page, from the DOM event (which
// names the directive) as well as from the console.
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return violations;
}

test("a page sends a nonce-based CSP, frame-ancestors none, nosniff and a referrer policy", async ({ request }) => {
  const response = await request.get("/sign-in");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
  expect(nonce, `CSP was: ${csp}`).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every script Next.js writes into the page carries this response's nonce, and a second
  // request gets a different one.
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce!);
});

test("markup injected into a page cannot run script, and the browser reports it", async ({ page }) => {
  const violations = watchViolations(page);
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/missing.png" onerror="document.title = \'pwned\'">'));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.title()).not.toBe("pwned");
});

test("sign-in, releases, plan, cockpit and audit pages work with no CSP violation", async ({ page, makeUser, db }) => {
  const violations = watchViolations(page);
  const [owner, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });

  // The sign-in form is a server action: it must still post and redirect under the policy.
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/releases$/);
  await expect(page.getByRole("heading", { name: "Releases", level: 1, exact: true })).toBeVisible();

  await page.goto(`/releases/${release.id}`);
  await expect(page.getByRole("heading", { name: "Expand" })).toBeVisible();
  // The plan's live risk check is a same-origin JSON POST from the browser: it must pass the origin guard.
  const lint = await page.evaluate(async () => {
    const response = await fetch("/api/v1/lint", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ stage: "EXPAND", sql: "SELECT 1;" }),
    });
    return response.status;
  });
  expect(lint).toBe(200);

  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByText("● Live")).toBeVisible();
  await expect(page.getByRole("region", { name: "Health signals" })).toBeVisible();
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();

  await page.goto(`/releases/${release.id}/audit`);
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/nothing-lives-here");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  expect(violations).toEqual([]);
});

test("an unknown page is an HTTP 404, signed out and signed in", async ({ page, makeUser }) => {
  const signedOut = await page.request.get("/no-such-page");
  expect(signedOut.status()).toBe(404);
  expect((await page.request.get("/releases/not-a-release/nope/deeper")).status()).toBe(404);

  await signInAs(page, await makeUser("VIEWER"));
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await page.request.get("/settings/no-such-page")).status()).toBe(404);

  // A release that does not exist is an unknown page too, on every page of a release, even those
  // that stream behind a loading skeleton.
  const missing = randomUUID();
  for (const path of [
    `/releases/${missing}`,
    `/releases/${missing}/cockpit`,
    `/releases/${missing}/audit`,
    `/releases/${missing}/audit/report`,
    `/releases/${missing}/runbook`,
    "/releases/not-a-uuid/audit",
  ]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  await page.goto(`/releases/${missing}/audit`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
