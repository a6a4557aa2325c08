import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runShutdown } from "@/lib/http/shutdown";
import { gateWaiting, waitAtGate } from "@/lib/pipelines/gate-wait";
import { createUser, testDb } from "@/lib/testing/db";

// A file of its own: the shutdown marks this process as stopping for good.

describe("waiting at the gate on an instance that stops", () => {
  it("answers every waiter at once with what the gate still waits for, so the pipeline asks another instance", async () => {
    const owner = await createUser("OPERATOR");
    const release = await testDb().release.create({
      data: {
        title: `Gate shutdown ${randomUUID().slice(0, 8)}`,
        status: "IN_PROGRESS",
        decisionOwnerId: owner.id,
        backupOwnerId: (await createUser("OPERATOR")).id,
        stages: {
          create: [
            { kind: "EXPAND", position: 0, ownerId: owner.id, status: "DONE", completedAt: new Date() },
            { kind: "MIGRATE", position: 1, ownerId: owner.id, status: "ACTIVE" },
            { kind: "CONTRACT", position: 2, ownerId: owner.id },
          ],
        },
      },
      select: { id: true },
    });
    // Fifteen minutes each, as a pipeline asks: only the shutdown can answer them inside this test.
    const waits = [waitAtGate(release.id, "migrate", 900_000), waitAtGate(release.id, "migrate", 900_000)];
    await expect.poll(() => gateWaiting()).toEqual({ requests: 2, releases: 1 });
    await runShutdown("streams");
    for (const answer of await Promise.all(waits)) {
      expect(answer).toMatchObject({ kind: "waiting", waitingFor: [expect.stringContaining("Go")] });
    }
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
  });
});
