import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import type { CurrentUser, Role } from "@/lib/permissions";

export const testDb = () => getDb();

// Each test makes its own users so tests never share state or depend on order.
export async function createUser(role: Role, password?: string): Promise<CurrentUser> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.switchback.test`;
  return testDb().user.create({
    data: {
      email,
      name: `Test ${role.toLowerCase()} ${email.slice(role.length + 1, role.length + 7)}`,
      role,
      passwordHash: password ? await hashPassword(password) : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

// A throwaway database on the test cluster, for tests that need an empty one (migrations).
export async function createScratchDatabase(adminUrl: string = inject("adminDatabaseUrl")): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `scratch_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// A migrated database of its own, for tests that look at a whole table (the dispatcher, the audit
// chain) and must not see or disturb what other test files write.
export async function openScratchDb(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const scratch = await createScratchDatabase();
  await migrate(scratch.url);
  const db = createDb(scratch.url, 8);
  const drop = async () => {
    await db.$disconnect();
    await scratch.drop();
  };
  return { db, url: scratch.url, drop };
}

// A statement as the schema's owner: what the suite's runtime role may not do (add a trigger,
// test the append-only triggers that stand behind its privileges).
export async function asOwner(statement: string, params: unknown[] = []): Promise<pg.QueryResult> {
  return withClient(inject("ownerDatabaseUrl"), (client) => client.query(statement, params));
}
