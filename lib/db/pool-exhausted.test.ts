import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/input/zod";
import { runAction, type ActionConfig } from "@/lib/action";
import { getDb } from "@/lib/db";
import { createUser } from "@/lib/testing/db";

// Under load (50 watchers and pushes) the pool's connections were all in use and 106 of 3,952
// pushes got a 500 from Prisma's P2028. A full pool is a busy server, not a bug: UNAVAILABLE.

vi.mock("@/lib/session", () => ({}));
vi.mock("@/lib/next-runtime", () => ({}));

const touch: ActionConfig<z.ZodObject<{ title: z.ZodString }>, number> = {
  name: "test.touch",
  input: z.object({ title: z.string() }),
  permission: "admin",
  async run({ tx }) {
    return tx.release.count();
  },
};

let release = () => undefined as void;
afterEach(() => release());

describe("the connection pool exhausted", () => {
  it("answers UNAVAILABLE once the wait for a connection runs out, and serves again when freed", async () => {
    const user = await createUser("ADMIN");
    const runtime = { currentUser: async () => user, revalidate: () => undefined };
    const freed = new Promise<void>((resolve) => (release = resolve));
    // Every connection of the app's pool held by a transaction that waits.
    const holders = Array.from({ length: 10 }, () => getDb().$transaction(() => freed, { timeout: 60_000, maxWait: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 500));

    const result = await runAction(touch, { title: "x" }, runtime);
    expect(result).toEqual({ ok: false, error: { code: "UNAVAILABLE", message: expect.stringMatching(/^The database is busy/) } });

    release();
    await Promise.all(holders);
    // Freed connections serve again: the failure held nothing.
    expect(await getDb().release.count()).toEqual(expect.any(Number));
  }, 40_000);
});
