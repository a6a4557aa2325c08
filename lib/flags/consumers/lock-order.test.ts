import { expect, it, vi } from "vitest";
import { identify } from "@/lib/flags/consumers/identity";
import { flushConsumersNow, recordServed } from "@/lib/flags/consumers/tracker";
import { flagInOwnEnvironment } from "@/lib/flags/ofrep/test-helpers";
import { testDb } from "@/lib/testing/db";

// Every instance flushes the same consumers' rows. Were each to lock them in the order its memory
// happens to hold them, two instances could each hold a row the other waits for (deadlock, and
// both batches lost). They lock in one order, (flag, environment, consumer): a flush waiting for
// a row has not yet locked any row after it.

const waitingFlushes = async () =>
  (
    await testDb().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO flag_consumers%'`,
    )
  )[0]!.n;

it("a flush writes its rows in one order, whatever order they were served in", async () => {
  const { environment, key } = await flagInOwnEnvironment();
  const served = (enabled: boolean, version: number) => {
    // "b" first: in memory it comes before "a".
    recordServed([{ key, environment, enabled, version }], identify("sdk", "b"), "bulk");
    recordServed([{ key, environment, enabled, version }], identify("sdk", "a"), "bulk");
  };
  served(true, 1);
  await flushConsumersNow();
  const lock = (consumer: string, wait: "" | "NOWAIT") =>
    `SELECT 1 FROM flag_consumers WHERE flag_key = $1 AND environment = $2 AND consumer = '${consumer}' FOR UPDATE ${wait}`;

  let flushing: Promise<void> | undefined;
  await testDb().$transaction(
    async (tx) => {
      // Another instance holds "sdk/a" while this one flushes a flip served to both.
      await tx.$queryRawUnsafe(lock("sdk/a", ""), key, environment);
      served(false, 2);
      flushing = flushConsumersNow();
      await vi.waitFor(async () => expect(await waitingFlushes()).toBe(1), { timeout: 10_000 });
      // The flush waits at "sdk/a" without having taken "sdk/b": the other instance can go on.
      expect(await tx.$queryRawUnsafe(lock("sdk/b", "NOWAIT"), key, environment)).toHaveLength(1);
    },
    { timeout: 20_000 },
  );
  await flushing;
  const rows = await testDb().flagConsumer.findMany({ where: { flagKey: key, environment }, orderBy: { consumer: "asc" } });
  expect(rows.map((r) => [r.consumer, r.enabled, r.version])).toEqual([
    ["sdk/a", false, 2],
    ["sdk/b", false, 2],
  ]);
});
