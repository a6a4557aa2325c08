import { describe, expect, inject, it } from "vitest";
import { createPool } from "@/lib/db/pg";

// The first flip after a quiet spell must not wait for new connections (lib/db/pg.ts says why).
describe("the app's connection pool", () => {
  it("keeps three connections open through a quiet spell and lets the rest go", async () => {
    const pool = createPool(inject("runtimeDatabaseUrl"), 10, 50);
    try {
      // Five at once, as a burst of requests would hold them.
      await Promise.all(Array.from({ length: 5 }, () => pool.query("SELECT pg_sleep(0.05)")));
      expect(pool.totalCount).toBe(5);
      await expect.poll(() => pool.totalCount).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([pool.totalCount, pool.idleCount]).toEqual([3, 3]);
    } finally {
      await pool.end();
    }
  });
});
