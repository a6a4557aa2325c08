import { describe, expect, it } from "vitest";
import { completeStage, recordDecision, startDeploy } from "@/lib/releases/commands/deploy";
import { ingestSamples } from "@/lib/signals/ingest";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

async function release(status: "READY" | "IN_PROGRESS" = "READY") {
  const [owner, backup, stageOwner, operator, admin] = [
    await createUser("VIEWER"),
    await createUser("OPERATOR"),
    await createUser("VIEWER"),
    await createUser("OPERATOR"),
    await createUser("ADMIN"),
  ];
  const created = await testDb().release.create({
    data: {
      title: "Deploy me",
      status,
      decisionOwnerId: owner.id,
      backupOwnerId: backup.id,
      stages: {
        create: [
          {
            kind: "EXPAND",
            position: 0,
            ownerId: stageOwner.id,
            status: status === "IN_PROGRESS" ? "ACTIVE" : "PENDING",
            checklistItems: { create: [{ text: "Done?", position: 0 }] },
          },
          { kind: "MIGRATE", position: 1, ownerId: stageOwner.id },
          { kind: "CONTRACT", position: 2, ownerId: stageOwner.id },
        ],
      },
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", pollIntervalSeconds: 30 } },
    },
    select: {
      id: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, checklistItems: { select: { id: true } } } },
      signals: { select: { id: true } },
    },
  });
  await testDb().criterion.create({
    data: { releaseId: created.id, signalId: created.signals[0]!.id, comparator: "GT", warnThreshold: 1, stopThreshold: 2, windowSeconds: 60, position: 0 },
  });
  return { ...created, owner, backup, stageOwner, operator, admin };
}

const stages = async (releaseId: string) =>
  (await testDb().stage.findMany({ where: { releaseId }, orderBy: { position: "asc" }, select: { status: true } })).map((s) => s.status);

describe("starting the deploy", () => {
  it("moves a ready release to in progress with Expand active, for the decision owners and admins only", async () => {
    const r = await release();
    expect(await as(r.operator)(startDeploy, { releaseId: r.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    ok(await as(r.backup)(startDeploy, { releaseId: r.id }));
    expect((await testDb().release.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("IN_PROGRESS");
    expect(await stages(r.id)).toEqual(["ACTIVE", "PENDING", "PENDING"]);
    expect(await as(r.admin)(startDeploy, { releaseId: r.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });
});

describe("completing a stage", () => {
  it("needs the stage's checklist done, then activates the next stage", async () => {
    const r = await release("IN_PROGRESS");
    const expand = r.stages[0]!;
    const refused = await as(r.stageOwner)(completeStage, { releaseId: r.id, stageId: expand.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "Expand is not done: 1 checklist item is not ticked (“Done?”)." } });
    await testDb().checklistItem.update({ where: { id: expand.checklistItems[0]!.id }, data: { done: true } });
    expect(ok(await as(r.stageOwner)(completeStage, { releaseId: r.id, stageId: expand.id }))).toEqual({ next: "MIGRATE", status: "IN_PROGRESS" });
    expect(await stages(r.id)).toEqual(["DONE", "ACTIVE", "PENDING"]);
  });

  it("is refused to an operator who owns nothing here, and to a second click", async () => {
    const r = await release("IN_PROGRESS");
    await testDb().checklistItem.updateMany({ where: { stage: { releaseId: r.id } }, data: { done: true } });
    expect(await as(r.operator)(completeStage, { releaseId: r.id, stageId: r.stages[0]!.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    ok(await as(r.owner)(completeStage, { releaseId: r.id, stageId: r.stages[0]!.id }));
    expect(await as(r.admin)(completeStage, { releaseId: r.id, stageId: r.stages[0]!.id })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "Expand is not the active stage; someone may have completed it already." },
    });
  });

  it("completes the release with its last stage", async () => {
    const r = await release("IN_PROGRESS");
    await testDb().checklistItem.updateMany({ where: { stage: { releaseId: r.id } }, data: { done: true } });
    for (const stage of r.stages) ok(await as(r.admin)(completeStage, { releaseId: r.id, stageId: stage.id }));
    const done = await testDb().release.findUniqueOrThrow({ where: { id: r.id }, select: { status: true, finishedAt: true } });
    expect(done.status).toBe("COMPLETED");
    expect(done.finishedAt).not.toBeNull();
  });
});

describe("Go/Stop decisions", () => {
  it("belong to the decision owner and backup only, not even admins", async () => {
    const r = await release("IN_PROGRESS");
    for (const user of [r.operator, r.admin, r.stageOwner]) {
      expect(await as(user)(recordDecision, { releaseId: r.id, verdict: "GO" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(ok(await as(r.backup)(recordDecision, { releaseId: r.id, verdict: "GO" }))).toHaveProperty("id");
  });

  it("need a reason to stop, and store every signal's value and status at that instant", async () => {
    const r = await release("IN_PROGRESS");
    expect(await as(r.owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "  " })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { reason: ["Say why you are stopping"] } },
    });
    const now = Date.now();
    await ingestSamples(
      testDb(),
      r.id,
      [1, 3.5, 4.2].map((value, i) => ({ signalId: r.signals[0]!.id, value, at: new Date(now - (3 - i) * 1000) })),
    );
    const { id } = ok(await as(r.owner)(recordDecision, { releaseId: r.id, verdict: "STOP", reason: "Errors climbing" }));
    const decision = await testDb().decision.findUniqueOrThrow({ where: { id }, select: { snapshot: true, verdict: true, stageId: true } });
    expect(decision.stageId).toBe(r.stages[0]!.id);
    expect(decision.snapshot).toMatchObject({
      recommendation: { verdict: "STOP", reason: "Error rate 4.2 % > 2 % for 2 samples" },
      signals: [{ key: "error_rate", value: 4.2, status: "STOP" }],
    });
  });

  it("are only called during the deploy", async () => {
    const r = await release("READY");
    expect(await as(r.owner)(recordDecision, { releaseId: r.id, verdict: "GO" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "Go and Stop are called during the deploy." },
    });
  });
});
