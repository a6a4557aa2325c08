import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/permissions";
import type { DemoLogin } from "@/prisma/seed";

// Fixtures talk to the same embedded PostgreSQL the server under test uses, to seed each test's
// own users and data. Demo logins come from the data folder, where `npm start` wrote them.

const dataDir = () => process.env.E2E_DATA_DIR!;

export function demoLogins(): DemoLogin[] {
  return JSON.parse(readFileSync(path.join(dataDir(), "demo-logins.json"), "utf8")) as DemoLogin[];
}

export function databaseUrl(): string {
  const password = readFileSync(path.join(dataDir(), "pg-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${process.env.E2E_PG_PORT}/switchback`;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Signs in and waits until the releases list is shown, so the session cookie is in place.
// Whoever was signed in on this page's context is signed out first (the sign-in page sends a
// signed-in visitor on to the releases).
export async function signInAs(page: Page, user: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/releases$/);
  await expect(page.getByRole("heading", { name: "Releases", level: 1, exact: true })).toBeVisible();
}

export const test = base.extend<{ makeUser: (role: Role) => Promise<TestUser> }, { db: Db }>({
  db: [
    async ({}, use) => {
      const db = createDb(databaseUrl(), 3);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  makeUser: async ({ db }, use) => {
    await use(async (role) => {
      const password = randomUUID();
      const email = `${role.toLowerCase()}-${randomUUID()}@e2e.switchback.test`;
      const name = `E2E ${role.toLowerCase()} ${email.slice(role.length + 1, role.length + 7)}`;
      const user = await db.user.create({ data: { email, name, role, passwordHash: await hashPassword(password) }, select: { id: true } });
      return { id: user.id, email, name, role, password };
    });
  },
});

export { expect };
