import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { backfillBatch, backfillProgress, ensureCheckpointTable, readCheckpoint, type BackfillProgress } from "@/lib/demo/backfill";
import { applyExpand } from "@/lib/demo/expand";
import { ensureShop } from "@/lib/demo/shop";
import { createScratchDatabase, withClient } from "@/lib/testing/db";

// The Migrate job of the demo against a real shop on the target cluster: Expand first, then the
// backfill's batches, two of them, then the rest from the checkpoint by a new run. (The loop that
// runs them against Switchback's backfill switch is e2e/backfill-loop.spec.ts.)

const suffix = randomUUID().slice(0, 8);
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let ownerUrl: string;
const admin = () => inject("targetAdminDatabaseUrl");

beforeAll(async () => {
  scratch = await createScratchDatabase(admin());
  const database = decodeURIComponent(new URL(scratch.url).pathname.slice(1));
  const shop = await ensureShop(admin(), {
    database,
    ownerRole: `bf_owner_${suffix}`,
    readerRole: `bf_reader_${suffix}`,
    passwords: { owner: randomUUID(), reader: randomUUID() },
    users: 4_500,
  });
  ownerUrl = shop.ownerUrl;
});

afterAll(async () => {
  await scratch.drop();
  await withClient(admin(), (c) => c.query(`DROP ROLE IF EXISTS bf_reader_${suffix}; DROP ROLE IF EXISTS bf_owner_${suffix}`));
});

describe("the demo backfill", () => {
  it("fills first_name and last_name 1,000 rows per batch and resumes from its checkpoint", async () => {
    await withClient(ownerUrl, async (client) => {
      expect(await applyExpand(client)).toEqual(["added users.first_name", "added users.last_name", "built users_last_name_first_name_idx concurrently"]);
      expect(await applyExpand(client)).toEqual([]);
      const ids = (await client.query<{ id: string }>("SELECT id FROM users ORDER BY id")).rows.map((r) => Number(r.id));

      await ensureCheckpointTable(client);
      expect(await backfillBatch(client)).toEqual({ lastId: ids[999], filled: 1000, total: 4500, percent: 22.2, finished: false });
      expect(await backfillBatch(client)).toEqual({ lastId: ids[1999], filled: 2000, total: 4500, percent: 44.4, finished: false });
      expect(await readCheckpoint(client)).toEqual({ lastId: ids[1999], finished: false });

      // An application row written in both shapes meanwhile is left as it is.
      await client.query("UPDATE users SET full_name = 'Mae Jemison', first_name = 'Mae', last_name = 'Jemison' WHERE id = $1", [ids[3000]]);
      // A new run (a new connection's job) picks up at the checkpoint.
      await ensureCheckpointTable(client);
      const rest: BackfillProgress[] = [];
      for (let p = await backfillProgress(client); !p.finished;) rest.push((p = await backfillBatch(client)));
      expect(rest.map((p) => p.filled)).toEqual([3001, 4000, 4500, 4500]);
      expect(rest.at(-1)).toEqual({ lastId: ids.at(-1), filled: 4500, total: 4500, percent: 100, finished: true });
      expect(await readCheckpoint(client)).toEqual({ lastId: ids.at(-1), finished: true });

      const check = await client.query(
        `SELECT count(*) FILTER (WHERE first_name IS NULL)::int AS empty,
                count(*) FILTER (WHERE full_name IS DISTINCT FROM first_name || ' ' || last_name)::int AS divergent,
                (SELECT first_name || '|' || last_name FROM users WHERE id = $1) AS edited
           FROM users`,
        [ids[3000]],
      );
      expect(check.rows[0]).toEqual({ empty: 0, divergent: 0, edited: "Mae|Jemison" });
      expect(await backfillProgress(client)).toMatchObject({ filled: 4500, finished: true });
    });
  });
});
