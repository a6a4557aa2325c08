import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { formatDateTime } from "@/lib/format/time";
import { judgeGate } from "@/lib/pipelines/gate";
import { recordDecision, startDeploy } from "@/lib/releases/commands/deploy";
import type { ReleaseStatus } from "@/lib/releases/status";
import { ingestSamples } from "@/lib/signals/ingest";
import { as, ok } from "@/lib/testing/actions";
import { createUser, openScratchDb, testDb } from "@/lib/testing/db";
import { fixtureTarget } from "@/lib/testing/targets";

// The pipeline gate's judgement on real releases: what a pipeline hears when it asks whether a
// stage may be deployed. Decisions go through the real Go/Stop action, as the cockpit records them.

type StageStatus = "PENDING" | "ACTIVE" | "DONE";

async function gateRelease(status: ReleaseStatus, stages: [StageStatus, StageStatus, StageStatus], extra: { targetDatabaseId?: string } = {}) {
  const [owner, backup] = [await createUser("OPERATOR"), await createUser("OPERATOR")];
  const at = new Date(Date.now() - 60_000);
  const release = await testDb().release.create({
    data: {
      title: `Gate ${randomUUID().slice(0, 8)}`,
      status,
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
      ...extra,
      stages: {
        create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({
          kind,
          position,
          ownerId: owner.id,
          status: stages[position]!,
          completedAt: stages[position] === "DONE" ? at : null,
        })),
      },
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", pollIntervalSeconds: 30 } },
    },
    select: { id: true, signals: { select: { id: true } } },
  });
  await testDb().criterion.create({
    data: { releaseId: release.id, signalId: release.signals[0]!.id, comparator: "GT", warnThreshold: 1, stopThreshold: 2, windowSeconds: 60, position: 0 },
  });
  return { id: release.id, signalId: release.signals[0]!.id, owner, completedAt: at };
}

const go = (r: { id: string; owner: Parameters<typeof as>[0] }, reason = "") =>
  as(r.owner)(recordDecision, { releaseId: r.id, verdict: "GO", reason }).then(ok);
const stop = (r: { id: string; owner: Parameters<typeof as>[0] }, reason: string) =>
  as(r.owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason, flag: "keep" }).then(ok);

describe("the gate's judgement", () => {
  it("keeps a ready release's Expand waiting for the deploy to start, then opens it without asking for a Go", async () => {
    const r = await gateRelease("READY", ["PENDING", "PENDING", "PENDING"]);
    expect(await judgeGate(testDb(), r.id, "expand")).toEqual({ kind: "waiting", status: "READY", waitingFor: ["the deploy to be started"] });
    await as(r.owner)(startDeploy, { releaseId: r.id }).then(ok);
    expect(await judgeGate(testDb(), r.id, "expand")).toEqual({ kind: "go" });
  });

  it("keeps a draft's Expand waiting for the plan to be marked ready", async () => {
    const r = await gateRelease("DRAFT", ["PENDING", "PENDING", "PENDING"]);
    expect(await judgeGate(testDb(), r.id, "expand")).toEqual({
      kind: "waiting",
      status: "DRAFT",
      waitingFor: ["the plan to be marked ready", "the deploy to be started"],
    });
  });

  it("keeps Migrate waiting for Expand to be done, even after a Go", async () => {
    const r = await gateRelease("IN_PROGRESS", ["ACTIVE", "PENDING", "PENDING"]);
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({
      kind: "waiting",
      status: "IN_PROGRESS",
      waitingFor: ["Expand to be done", "the decision owner's Go for Migrate"],
    });
    await go(r, "Expand looks clean");
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["Expand to be done"] });
  });

  it("keeps Migrate waiting for the decision owner's Go once Expand is done, and opens on it", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "ACTIVE", "PENDING"]);
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["the decision owner's Go for Migrate"] });
    await go(r);
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "go" });
  });

  it("asks for a Go given for the stage: one from before Expand was done, or from before an auto-stop, opens nothing", async () => {
    const r = await gateRelease("IN_PROGRESS", ["ACTIVE", "PENDING", "PENDING"]);
    await go(r, "Expand looks clean");
    const expand = await testDb().stage.findFirstOrThrow({ where: { releaseId: r.id, kind: "EXPAND" }, select: { id: true } });
    await testDb().stage.update({ where: { id: expand.id }, data: { status: "DONE", completedAt: new Date() } });
    await testDb().stage.updateMany({ where: { releaseId: r.id, kind: "MIGRATE" }, data: { status: "ACTIVE" } });
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "waiting", status: "IN_PROGRESS", waitingFor: ["the decision owner's Go for Migrate"] });
    await go(r, "Migrate now");
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "go" });
    // An auto-stop after that Go (acknowledged, so the release is in progress again) needs a new one.
    await testDb().release.update({ where: { id: r.id }, data: { autoStopTriggeredAt: new Date(), autoStopAckedAt: new Date() } });
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({
      kind: "waiting",
      status: "IN_PROGRESS",
      waitingFor: ["the decision owner's Go since the auto-stop"],
    });
    await go(r, "Recovered");
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "go" });
  });

  it("waits while a stop criterion is breached, naming the signal and the breach, though the owner said Go", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "ACTIVE", "PENDING"]);
    await go(r);
    const now = Date.now();
    await ingestSamples(
      testDb(),
      r.id,
      [3.5, 4.2].map((value, i) => ({ signalId: r.signalId, value, at: new Date(now - (2 - i) * 1000) })),
    );
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({
      kind: "waiting",
      status: "IN_PROGRESS",
      waitingFor: ["Error rate to recover (Error rate 4.2 % > 2 % for 2 samples)"],
    });
    // Expand has no Go to wait for, but a breach holds it too.
    const early = await gateRelease("IN_PROGRESS", ["ACTIVE", "PENDING", "PENDING"]);
    await ingestSamples(testDb(), early.id, [{ signalId: early.signalId, value: 5, at: new Date(now - 1000) }]);
    expect(await judgeGate(testDb(), early.id, "expand")).toEqual({
      kind: "waiting",
      status: "IN_PROGRESS",
      waitingFor: ["Error rate to recover (Error rate 5 % > 2 % for 1 sample)"],
    });
  });

  it("closes on a Stop with who stopped it, when, and why; a later Go opens it again", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "ACTIVE", "PENDING"]);
    await go(r);
    await stop(r, "Error rate doubled after the backfill");
    const { createdAt } = await testDb().decision.findFirstOrThrow({ where: { releaseId: r.id, verdict: "STOP" }, select: { createdAt: true } });
    const closed = {
      kind: "closed",
      status: "STOPPED",
      reason: `Stopped by ${r.owner.name} at ${formatDateTime(createdAt)}: Error rate doubled after the backfill.`,
    };
    // Closed for every stage: waiting would not help.
    for (const stage of ["expand", "migrate", "contract"] as const) expect(await judgeGate(testDb(), r.id, stage)).toEqual(closed);
    await go(r, "Recovered after the hotfix");
    expect(await judgeGate(testDb(), r.id, "migrate")).toEqual({ kind: "go" });
  });

  it("closes on every ended release with the sentence a pipeline prints", async () => {
    const sentences: [ReleaseStatus, string][] = [
      ["ROLLED_BACK", "The release was rolled back; nothing more of it is deployed."],
      ["ABANDONED", "The release was abandoned; nothing more of it is deployed."],
      ["COMPLETED", "The release is complete; nothing is left to deploy."],
    ];
    for (const [status, reason] of sentences) {
      const r = await gateRelease(status, ["DONE", "ACTIVE", "PENDING"]);
      for (const stage of ["expand", "migrate", "contract"] as const)
        expect(await judgeGate(testDb(), r.id, stage)).toEqual({ kind: "closed", status, reason });
    }
  });

  it("closes a stage already done: it is not deployed twice", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "ACTIVE", "PENDING"]);
    expect(await judgeGate(testDb(), r.id, "expand")).toEqual({
      kind: "closed",
      status: "IN_PROGRESS",
      reason: `Expand is already done (completed ${formatDateTime(r.completedAt)}); it is not deployed twice.`,
    });
  });

  it("opens Contract after Migrate and a Go when the release watches no target database", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "DONE", "ACTIVE"]);
    expect(await judgeGate(testDb(), r.id, "contract")).toEqual({
      kind: "waiting",
      status: "IN_PROGRESS",
      waitingFor: ["the decision owner's Go for Contract"],
    });
    await go(r);
    expect(await judgeGate(testDb(), r.id, "contract")).toEqual({ kind: "go" });
  });

  it("keeps Contract waiting on its computed proofs when the release watches a target database", async () => {
    const r = await gateRelease("IN_PROGRESS", ["DONE", "DONE", "ACTIVE"], { targetDatabaseId: await fixtureTarget() });
    await go(r);
    const judgement = await judgeGate(testDb(), r.id, "contract");
    expect(judgement).toMatchObject({ kind: "waiting", status: "IN_PROGRESS" });
    const waitingFor = judgement?.kind === "waiting" ? judgement.waitingFor : [];
    expect(waitingFor).toHaveLength(2);
    expect(waitingFor[0]).toMatch(/^Switchback has not been able to read target-.*'s pg_stat_statements yet: it has not looked since Migrate completed\.$/);
    expect(waitingFor[1]).toMatch(/^The business cycle has not passed: /);
  });

  it("answers nothing for a release that does not exist", async () => {
    expect(await judgeGate(testDb(), randomUUID(), "migrate")).toBeNull();
  });
});

// Auto-stop fires on every opted-in release it finds: on a database of its own, so it touches
// nothing another test file made.
describe("the gate after an auto-stop", () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await openScratchDb()));
  afterAll(async () => drop());

  it("is closed while the release is paused for a human, with auto-stop's own sentence", async () => {
    const key = `gate-paused-${randomUUID().slice(0, 8)}`;
    const release = await db.release.create({
      data: {
        title: "Paused at the gate",
        status: "IN_PROGRESS",
        autoStopEnabled: true,
        autoStopAfter: 3,
        flagKey: key,
        flagEnvironment: "production",
        stages: {
          create: [
            { kind: "EXPAND", position: 0, status: "DONE", completedAt: new Date() },
            { kind: "MIGRATE", position: 1, status: "ACTIVE" },
            { kind: "CONTRACT", position: 2 },
          ],
        },
        signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", pollIntervalSeconds: 5 } },
      },
      select: { id: true, signals: { select: { id: true } } },
    });
    const signalId = release.signals[0]!.id;
    await db.criterion.create({
      data: { releaseId: release.id, signalId, comparator: "GT", warnThreshold: 1, stopThreshold: 2, windowSeconds: 60, position: 0 },
    });
    await db.flag.create({ data: { key, environment: "production", enabled: true } });
    const now = Date.now();
    await ingestSamples(
      db,
      release.id,
      [3.1, 3.4, 4.1].map((value, i) => ({ signalId, value, at: new Date(now - (2 - i) * 1000) })),
    );
    expect(await autoStopTick(db, now)).toEqual([release.id]);

    const closed = {
      kind: "closed",
      status: "PAUSED",
      reason: "Paused by auto-stop (Error rate 4.1 % > 2 % for 3 checks → flag turned off); the decision owner must look before anything is deployed.",
    };
    expect(await judgeGate(db, release.id, "migrate")).toEqual(closed);
    expect(await judgeGate(db, release.id, "contract")).toEqual(closed);
  });
});
