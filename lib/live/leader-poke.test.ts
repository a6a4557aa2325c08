import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startLeaderLoop } from "@/lib/live/leader";
import { createScratchDatabase } from "@/lib/testing/db";

// A leader loop ticks at its interval, and news can bring its next tick forward: a sample that
// completes a breach must not wait up to a whole tick for the auto-stop that answers it.

let url = "";
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ url, drop } = await createScratchDatabase());
});
afterAll(() => drop());

describe("a leader loop", () => {
  it("runs its work again at once when poked, long before its next tick", async () => {
    let runs = 0;
    const loop = startLeaderLoop({ databaseUrl: url, key: 9100, name: "poke-test", tickMs: 60_000, work: async () => void runs++, log: () => undefined });
    try {
      await vi.waitFor(() => expect(runs).toBe(1), { timeout: 10_000 });
      loop.poke();
      await vi.waitFor(() => expect(runs).toBe(2), { timeout: 10_000 });
      // Pokes while it works fold into one more run, not one per poke.
      loop.poke();
      loop.poke();
      loop.poke();
      await vi.waitFor(() => expect(runs).toBe(3), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(runs).toBe(3);
    } finally {
      await loop.stop();
    }
  });
});
