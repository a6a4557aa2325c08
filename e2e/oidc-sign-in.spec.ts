import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { OWNER_ROLE, roleUrl, RUNTIME_ROLE } from "@/lib/db/roles";
import { freePort } from "@/lib/net";
import { startOidcDevProvider, type DevAccount, type DevProvider } from "@/scripts/lib/oidc-dev-provider";
import { databaseUrl, expect, test as base } from "./fixtures";

// Sign-in through a real OpenID Connect provider (oidc-provider on loopback, with its own login
// and consent pages). The suite's shared server has no identity provider, so this file starts a
// second Switchback (`npm start`'s script, on the e2e database and build) configured for one:
// roles follow the groups (release-admins → admin, release-ops → operator) and passwords are off
// except for the break-glass admins.

interface Sso {
  url: string;
  idp: DevProvider;
  // Emails listed in AUTH_BREAK_GLASS_EMAILS, one for each test that needs a break-glass admin.
  breakGlass: string[];
}

const secret = (file: string) => readFileSync(path.join(process.env.E2E_DATA_DIR!, file), "utf8").trim();

async function startSwitchback(port: number, env: Record<string, string>): Promise<() => Promise<void>> {
  const superUrl = databaseUrl();
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // The suite's data folder (session secret, audit key) and database, as the cluster tests do.
      SWITCHBACK_DATA_DIR: process.env.E2E_DATA_DIR,
      DATABASE_URL: roleUrl(superUrl, RUNTIME_ROLE, secret("pg-app-password")),
      MIGRATION_DATABASE_URL: roleUrl(superUrl, OWNER_ROLE, secret("pg-owner-password")),
      SEED_DEMO: "",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) resolve();
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`Switchback exited (code ${code}) before it was ready:\n${output}`)));
  });
  return () =>
    new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

const test = base.extend<object, { sso: Sso }>({
  sso: [
    async ({}, use) => {
      const [idpPort, appPort] = [await freePort(), await freePort()];
      // "localhost", not 127.0.0.1: Next.js gives route handlers a request URL with any loopback
      // address written as localhost, so Auth.js's callback would name another redirect_uri than
      // its sign-in did, and the provider would refuse the code ("redirect_uri mismatch").
      const url = `http://localhost:${appPort}`;
      const client = { clientId: "switchback", clientSecret: randomUUID() };
      const idp = await startOidcDevProvider({ port: idpPort, ...client, redirectUri: `${url}/api/auth/callback/oidc` });
      const breakGlass = [1, 2].map(() => `break-glass-${randomUUID()}@e2e.switchback.test`);
      const stop = await startSwitchback(appPort, {
        AUTH_OIDC_ISSUER: idp.issuer,
        AUTH_OIDC_ID: client.clientId,
        AUTH_OIDC_SECRET: client.clientSecret,
        AUTH_OIDC_NAME: "Example IdP",
        AUTH_OIDC_ROLE_MAP: "release-admins=admin,release-ops=operator",
        AUTH_SSO_ONLY: "true",
        AUTH_BREAK_GLASS_EMAILS: breakGlass.join(","),
      });
      await use({ url, idp, breakGlass });
      await stop();
      await idp.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});
// One identity provider and one Switchback for this file's tests, in one worker.
test.describe.configure({ mode: "default" });

function person(groups: string[], email = `sso-${randomUUID()}@e2e.switchback.test`): DevAccount {
  return { login: `login-${randomUUID()}`, email, name: `SSO person ${email.slice(4, 10)}`, groups };
}

// A fresh browser through the identity provider's own pages: login, consent, back to Switchback.
async function signInThroughIdp(browser: Browser, sso: Sso, account: DevAccount): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: sso.url })).newPage();
  // The provider's development pages load a web font; nothing here can reach it.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Example IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^${sso.idp.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(account.login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${sso.url}/releases`);
  await expect(page.getByRole("heading", { name: "Releases", level: 1, exact: true })).toBeVisible();
  return page;
}

async function breakGlassSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Password")).toBeHidden();
  await page.getByText("Break-glass sign-in").click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("the first sign-in through the identity provider creates the user with the role its groups give, and the Users page says where it comes from", async ({
  browser,
  sso,
  db,
  makeUser,
}) => {
  const account = person(["release-ops", "lunch-club"]);
  sso.idp.setAccount(account);
  await signInThroughIdp(browser, sso, account);

  const user = await db.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true, role: true, name: true } });
  expect(user).toMatchObject({ role: "OPERATOR", name: account.name });
  const created = await db.auditEvent.findFirst({ where: { action: "user.created", after: { path: ["id"], equals: user.id } }, select: { actorLabel: true } });
  expect(created?.actorLabel).toBe("oidc sign-in");

  // An admin (break-glass, since passwords are off) sees the role's source and cannot change it.
  const admin = await makeUser("ADMIN");
  await db.user.update({ where: { id: admin.id }, data: { email: sso.breakGlass[0] } });
  const page = await (await browser.newContext({ baseURL: sso.url })).newPage();
  await breakGlassSignIn(page, sso.breakGlass[0]!, admin.password);
  await expect(page).toHaveURL(`${sso.url}/releases`);
  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ hasText: account.email });
  await expect(row).toContainText("Operator");
  await expect(row).toContainText("set by the identity provider (release-ops)");
  await expect(row.getByLabel(`Role for ${user.name}`)).toBeDisabled();
});

test("a person who already has an account is linked by verified email, and their role follows the groups at every sign-in", async ({
  browser,
  sso,
  db,
  makeUser,
}) => {
  const existing = await makeUser("VIEWER");
  const account = person(["release-admins", "release-ops"], existing.email);
  sso.idp.setAccount(account);
  await signInThroughIdp(browser, sso, account);
  expect(await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { role: true, roleSourceGroup: true } })).toEqual({
    role: "ADMIN",
    roleSourceGroup: "release-admins",
  });
  expect(await db.account.count({ where: { userId: existing.id, provider: "oidc" } })).toBe(1);

  // Removed from both groups in the directory: a viewer at the next sign-in.
  sso.idp.setAccount({ ...account, groups: [] });
  await signInThroughIdp(browser, sso, account);
  expect(await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { role: true, roleSourceGroup: true } })).toEqual({
    role: "VIEWER",
    roleSourceGroup: null,
  });
  const changes = await db.auditEvent.findMany({
    where: { action: "user.role_changed", after: { path: ["id"], equals: existing.id } },
    orderBy: { id: "asc" },
    select: { actorType: true, actorLabel: true, before: true, after: true },
  });
  expect(changes.map((e) => [e.actorType, e.actorLabel, (e.before as { role: string }).role, (e.after as { role: string }).role])).toEqual([
    ["SYSTEM", "oidc sign-in", "VIEWER", "ADMIN"],
    ["SYSTEM", "oidc sign-in", "ADMIN", "VIEWER"],
  ]);
});

test("with SSO only, a password is refused for everyone but a break-glass admin", async ({ browser, sso, db, makeUser }) => {
  const operator = await makeUser("OPERATOR");
  const page = await (await browser.newContext({ baseURL: sso.url })).newPage();
  await breakGlassSignIn(page, operator.email, operator.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Password sign-in is turned off. Sign in through your identity provider.");
  await expect(page).toHaveURL(/\/sign-in/);

  const admin = await makeUser("ADMIN");
  await db.user.update({ where: { id: admin.id }, data: { email: sso.breakGlass[1] } });
  await breakGlassSignIn(page, sso.breakGlass[1]!, admin.password);
  await expect(page).toHaveURL(`${sso.url}/releases`);
  const signedIn = await db.auditEvent.findFirst({ where: { actorId: admin.id, action: "auth.signed_in" }, select: { after: true } });
  expect(signedIn?.after).toMatchObject({ method: "password", breakGlass: true });
});
