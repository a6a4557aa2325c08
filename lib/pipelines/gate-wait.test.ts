import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listenerEpoch } from "@/lib/live/listener";
import { gateWaiting, waitAtGate } from "@/lib/pipelines/gate-wait";
import { recordDecision } from "@/lib/releases/commands/deploy";
import type { CurrentUser } from "@/lib/permissions";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

// The long poll as a pipeline lives it: waiting at the Migrate gate on the real database and the
// real LISTEN connection, until the decision owner's call commits through the real action. The
// watch rechecks on its own only every 15 s; every wait here is shorter, so an answer of go or
// closed within it came from the live hub's news.

const WAIT_MS = 10_000;

async function waitingRelease(expand: "ACTIVE" | "DONE" = "DONE") {
  const [owner, backup] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
  const release = await testDb().release.create({
    data: {
      title: `Gate wait ${randomUUID().slice(0, 8)}`,
      status: "IN_PROGRESS",
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
      stages: {
        create: [
          { kind: "EXPAND", position: 0, ownerId: owner.id, status: expand, completedAt: expand === "DONE" ? new Date() : null },
          { kind: "MIGRATE", position: 1, ownerId: owner.id, status: expand === "DONE" ? "ACTIVE" : "PENDING" },
          { kind: "CONTRACT", position: 2, ownerId: owner.id },
        ],
      },
    },
    select: { id: true },
  });
  return { id: release.id, owner };
}

const decide = (owner: CurrentUser, releaseId: string, verdict: "GO" | "STOP", reason = "") =>
  as(owner)(recordDecision, { releaseId, verdict, reason, flag: "keep" }).then(ok);

// Until the request has joined its release's watch (it joins before its first look).
const joined = (requests: number, releases: number) => expect.poll(() => gateWaiting()).toEqual({ requests, releases });

describe("waiting at the gate", () => {
  it("answers go as soon as the decision owner's Go commits", async () => {
    const r = await waitingRelease();
    const pending = waitAtGate(r.id, "migrate", WAIT_MS);
    await joined(1, 1);
    expect(listenerEpoch()).not.toBeNull();
    await decide(r.owner, r.id, "GO", "Expand is clean");
    expect(await pending).toEqual({ kind: "go" });
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
  });

  it("answers closed with the reason as soon as the decision owner's Stop commits", async () => {
    const r = await waitingRelease();
    const pending = waitAtGate(r.id, "migrate", WAIT_MS);
    await joined(1, 1);
    await decide(r.owner, r.id, "STOP", "Checkout errors after Expand");
    expect(await pending).toMatchObject({ kind: "closed", status: "STOPPED", reason: expect.stringContaining("Checkout errors after Expand") });
  });

  it("answers at once, without waiting, when the gate is already open or closed", async () => {
    const r = await waitingRelease();
    await decide(r.owner, r.id, "GO");
    expect(await waitAtGate(r.id, "migrate", WAIT_MS)).toEqual({ kind: "go" });
    expect(await waitAtGate(r.id, "expand", WAIT_MS)).toMatchObject({ kind: "closed", reason: expect.stringMatching(/^Expand is already done/) });
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
    expect(await waitAtGate(randomUUID(), "migrate", WAIT_MS)).toBeNull();
  });

  it("says, when the wait runs out, what the gate waits for then, not at the start", async () => {
    const r = await waitingRelease("ACTIVE");
    const pending = waitAtGate(r.id, "migrate", 1_500);
    await joined(1, 1);
    // A Go while Expand still runs: news, but the gate stays shut.
    await decide(r.owner, r.id, "GO");
    expect(await pending).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["Expand to be done"] });
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
  });

  it("shares one watch between the pipelines waiting on one release, and drops it when both have their answer", async () => {
    const [r, other] = [await waitingRelease(), await waitingRelease()];
    const first = waitAtGate(r.id, "migrate", WAIT_MS);
    const second = waitAtGate(r.id, "migrate", WAIT_MS);
    await joined(2, 1);
    const elsewhere = waitAtGate(other.id, "migrate", 1_000);
    await joined(3, 2);
    expect(await elsewhere).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["the decision owner's Go for Migrate"] });
    await joined(2, 1);

    await decide(r.owner, r.id, "GO");
    expect(await Promise.all([first, second])).toEqual([{ kind: "go" }, { kind: "go" }]);
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
  });

  it("lets a request that hangs up leave the watch at once", async () => {
    const r = await waitingRelease();
    const abort = new AbortController();
    const pending = waitAtGate(r.id, "migrate", WAIT_MS, abort.signal);
    const staying = waitAtGate(r.id, "migrate", WAIT_MS);
    await joined(2, 1);
    abort.abort();
    expect(await pending).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["the decision owner's Go for Migrate"] });
    expect(gateWaiting()).toEqual({ requests: 1, releases: 1 });

    // The one still waiting is answered as before; then the watch is gone.
    await decide(r.owner, r.id, "GO");
    expect(await staying).toEqual({ kind: "go" });
    expect(gateWaiting()).toEqual({ requests: 0, releases: 0 });
  });
});
