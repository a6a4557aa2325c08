// News that lands while the shared watch is judging (after it read the release, before it ended)
// must be judged again: it used to be dropped, and the waiter heard the Go only at its deadline.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, inject, it } from "vitest";
import { onNews } from "@/lib/live/listener";
import { gateWaiting, waitAtGate } from "@/lib/pipelines/gate-wait";
import { createUser, testDb } from "@/lib/testing/db";

const notify = (releaseId: string) =>
  testDb().$executeRawUnsafe(`SELECT pg_notify('switchback_audit', json_build_object('releaseId', $1::text)::text)`, releaseId);

it("answers a Go that commits while the shared watch is judging earlier news", async () => {
  const owner = await createUser("OPERATOR");
  const { id } = await testDb().release.create({
    data: {
      title: `Race ${randomUUID().slice(0, 8)}`,
      status: "IN_PROGRESS",
      decisionOwnerId: owner.id,
      stages: {
        create: [
          { kind: "EXPAND", position: 0, status: "DONE", completedAt: new Date() },
          { kind: "MIGRATE", position: 1, status: "ACTIVE" },
          { kind: "CONTRACT", position: 2 },
        ],
      },
    },
    select: { id: true },
  });
  const pending = waitAtGate(id, "migrate", 10_000);
  await expect.poll(() => gateWaiting().requests).toBe(1);
  await new Promise((r) => setTimeout(r, 300)); // its first look is done: waiting for the Go
  // Stall the watch's next judgement after it has read the release (no Go yet), in releaseHealth.
  const locker = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("LOCK TABLE signal_samples IN ACCESS EXCLUSIVE MODE");
  await notify(id); // news that changes nothing: judgeAll starts, reads "no Go", blocks
  await new Promise((r) => setTimeout(r, 200));
  const heard = new Promise<void>((resolve) => {
    const off = onNews((news) => news === id && (off(), resolve()));
  });
  await testDb().decision.create({ data: { releaseId: id, verdict: "GO", reason: "", actorId: owner.id, snapshot: {} } });
  await notify(id);
  await heard; // the Go's news reached the watch (its 25 ms settle timer is set) ...
  await locker.query("ROLLBACK"); // ... and the stalled judgement finishes within those 25 ms
  await locker.end();
  // Answered from the news, long before the 10 s deadline or the 15 s recheck.
  await expect.poll(() => gateWaiting().requests, { timeout: 3_000 }).toBe(0);
  expect(await pending).toEqual({ kind: "go" });
}, 30_000);
