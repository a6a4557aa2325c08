import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { verifyChain } from "@/lib/audit/verify";
import { createDb, type Db } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { bootstrapRoles, grantRuntimeRole, OWNER_ROLE } from "@/lib/db/roles";
import { asSql } from "@/lib/db/sql";
import { createScratchDatabase, withClient } from "@/lib/testing/db";

// An embedded install from before the roles existed: everything was migrated by, and belongs to,
// the superuser. The next start hands it to the owner role and the app runs as the runtime role.

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);
const onDatabase = (url: string, database: string) => url.replace(/\/[^/]+$/, `/${database}`);

let scratch: { url: string; drop(): Promise<void> };
let runtime: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  await migrate(scratch.url); // as the superuser, the way every install did before
  const database = new URL(scratch.url).pathname.slice(1);
  const owner = onDatabase(inject("ownerDatabaseUrl"), database);
  const app = onDatabase(inject("runtimeDatabaseUrl"), database);
  // The suite's own passwords: the roles are the cluster's, shared with every other test.
  await bootstrapRoles(scratch.url, { owner: passwordOf(owner), runtime: passwordOf(app) });
  await migrate(owner);
  await grantRuntimeRole(owner, app);
  runtime = createDb(app, 2);
});
afterAll(async () => {
  await runtime.$disconnect();
  await scratch.drop();
});

describe("handing a superuser-era install to the owner and runtime roles", () => {
  it("leaves no object in public to the superuser", async () => {
    const [row] = await withClient(
      scratch.url,
      async (client) =>
        (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') AND pg_get_userbyid(c.relowner) <> $1`,
            [OWNER_ROLE],
          )
        ).rows,
    );
    expect(row).toEqual({ n: 0 });
  });

  it("lets the runtime role append and verify, and nothing more on the trail", async () => {
    await runtime.$transaction((tx) => appendAudit(tx, { actor: { type: "SYSTEM", label: "upgrade" }, action: "test.after_upgrade" }));
    expect(await verifyChain(asSql(runtime))).toMatchObject({ ok: true, count: 1 });
    await expect(runtime.$executeRawUnsafe("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(runtime.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER ALL")).rejects.toThrow(/must be owner/);
  });
});
