import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { ensureShop, type ShopOptions } from "@/lib/demo/shop";
import { createScratchDatabase, withClient } from "@/lib/testing/db";

// The demo shop made on a fresh database of the target cluster, with roles of its own so test
// files do not share them.

const suffix = randomUUID().slice(0, 8);
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let options: ShopOptions;
const admin = () => inject("targetAdminDatabaseUrl");

beforeAll(async () => {
  scratch = await createScratchDatabase(admin());
  const database = decodeURIComponent(new URL(scratch.url).pathname.slice(1));
  options = { database, ownerRole: `shop_owner_${suffix}`, readerRole: `reader_${suffix}`, passwords: { owner: randomUUID(), reader: randomUUID() } };
});

afterAll(async () => {
  await scratch.drop();
  await withClient(admin(), (c) => c.query(`DROP ROLE IF EXISTS reader_${suffix}; DROP ROLE IF EXISTS shop_owner_${suffix}`));
});

describe("the demo shop", () => {
  it("is made once, with 50,000 users and their orders, owned by its owner and readable by Switchback's reader only", async () => {
    const first = await ensureShop(admin(), options);
    const again = await ensureShop(admin(), options);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.readerUrl).toBe(first.readerUrl);

    const counts = await withClient(
      first.ownerUrl,
      async (c) => (await c.query("SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM orders)::int AS orders")).rows[0],
    );
    expect(counts.users).toBe(50_000);
    expect(counts.orders).toBeGreaterThan(0);
    // Every name splits into a first word and the rest, which the dual-write divergence relies on.
    const oneWord = await withClient(
      first.ownerUrl,
      async (c) => (await c.query("SELECT count(*)::int AS n FROM users WHERE position(' ' IN full_name) = 0")).rows[0].n,
    );
    expect(oneWord).toBe(0);

    // The owner migrates the shop: it may change its tables.
    await withClient(first.ownerUrl, (c) => c.query("SELECT count(*) FROM users WHERE full_name LIKE 'Ada %'"));
    await withClient(first.ownerUrl, (c) => c.query("UPDATE users SET email = email WHERE id = 1"));

    await withClient(first.readerUrl, async (reader) => {
      expect((await reader.query("SELECT count(*)::int AS n FROM orders")).rows[0].n).toBe(counts.orders);
      await expect(reader.query("UPDATE users SET full_name = 'x' WHERE id = 1")).rejects.toThrow(/permission denied/);
      await expect(reader.query("CREATE TABLE sneaky (id int)")).rejects.toThrow(/permission denied/);
      // pg_read_all_stats: the owner's statements, with their text, are visible to the reader.
      const seen = await reader.query<{ query: string }>(
        "SELECT s.query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 AND s.query LIKE $2",
        [options.ownerRole, "%full_name LIKE%"],
      );
      expect(seen.rows.map((r) => r.query)).toEqual([expect.stringContaining("FROM users WHERE full_name LIKE")]);
    });
  });
});
