import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tokenPrincipal } from "@/lib/api/v1/token-principal";
import { judgeGate } from "@/lib/pipelines/gate";
import { startDeployByToken } from "@/lib/pipelines/deploy-start";
import type { ReleaseStatus } from "@/lib/releases/status";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import type { TokenScope } from "@/lib/tokens/scopes";
import { storeToken } from "@/lib/tokens/tokens";

// A pipeline starting the deploy itself: the cockpit's Start deploy, refused to a token that does
// not cover the release or lacks the deploy scope, refused for a draft, and recorded once under the
// token's name, after which the Expand gate no longer waits for anyone.

async function readyRelease(status: ReleaseStatus = "READY") {
  const owner = await createUser("OPERATOR");
  const release = await fixtureRelease(owner.id, status);
  const service = `orders-${randomUUID().slice(0, 8)}`;
  await testDb().release.update({ where: { id: release.id }, data: { service } });
  return { id: release.id, service, owner };
}

async function pipeline(scopes: TokenScope[], cover: { releaseId?: string; service?: string }) {
  const creator = await createUser("ADMIN");
  const name = `ci ${randomUUID().slice(0, 8)}`;
  const { token, secret } = await testDb().$transaction((tx) =>
    storeToken(tx, { kind: "PIPELINE", name, releaseId: cover.releaseId ?? null, service: cover.service ?? null, createdById: creator.id, scopes }),
  );
  return { id: token.id, name, principal: () => tokenPrincipal(`Bearer ${secret}`, "deploy") };
}

const statusOf = async (id: string) => (await testDb().release.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const eventsOf = (releaseId: string) =>
  testDb().auditEvent.findMany({
    where: { releaseId, action: "release.deploy_started" },
    select: { actorType: true, actorLabel: true, after: true, summary: true },
  });

describe("a pipeline starting the deploy", () => {
  it("starts a ready release with a service-wide token: Expand active, one audit event naming the token, the gate open", async () => {
    const r = await readyRelease();
    expect(await judgeGate(testDb(), r.id, "expand")).toMatchObject({ kind: "waiting", waitingFor: ["the deploy to be started"] });
    const t = await pipeline(["deploy"], { service: r.service });

    expect(await startDeployByToken(await t.principal(), r.id)).toEqual({ status: "IN_PROGRESS", stage: "expand" });

    const stages = await testDb().stage.findMany({ where: { releaseId: r.id }, orderBy: { position: "asc" }, select: { status: true } });
    expect(stages.map((s) => s.status)).toEqual(["ACTIVE", "PENDING", "PENDING"]);
    expect(await eventsOf(r.id)).toEqual([
      {
        actorType: "SYSTEM",
        actorLabel: `Pipeline token “${t.name}”`,
        after: { status: "IN_PROGRESS", activeStage: "EXPAND", tokenId: t.id },
        summary: "started the deploy; Expand is active",
      },
    ]);
    expect(await judgeGate(testDb(), r.id, "expand")).toEqual({ kind: "go" });
  });

  it("is refused to a token of another service or another release, and changes nothing", async () => {
    const r = await readyRelease();
    const elsewhere = `elsewhere-${randomUUID().slice(0, 6)}`;
    const foreign = await pipeline(["deploy"], { service: elsewhere });
    await expect(startDeployByToken(await foreign.principal(), r.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This token covers the service “${elsewhere}” only.`,
    });
    const other = await readyRelease();
    const scoped = await pipeline(["deploy"], { releaseId: other.id });
    await expect(startDeployByToken(await scoped.principal(), r.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This token is for another release.",
    });
    expect(await statusOf(r.id)).toBe("READY");
    expect(await eventsOf(r.id)).toEqual([]);
  });

  it("needs the deploy scope: a read and gate token is told which scope it lacks", async () => {
    const r = await readyRelease();
    const t = await pipeline(["read", "gate"], { releaseId: r.id });
    await expect(t.principal()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("lacks the “deploy” scope") });
  });

  it("refuses a draft with what to do first, and a deploy already under way", async () => {
    const draft = await readyRelease("DRAFT");
    const t = await pipeline(["deploy"], { service: draft.service });
    await expect(startDeployByToken(await t.principal(), draft.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This release is a draft: mark the plan ready first, then start the deploy.",
    });
    expect(await statusOf(draft.id)).toBe("DRAFT");

    const started = await readyRelease();
    const own = await pipeline(["deploy"], { releaseId: started.id });
    await startDeployByToken(await own.principal(), started.id);
    await expect(startDeployByToken(await own.principal(), started.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "The deploy has already started; the release is in progress.",
    });
    expect(await eventsOf(started.id)).toHaveLength(1);
  });

  it("answers not found for a release that does not exist", async () => {
    const t = await pipeline(["deploy"], { service: "orders" });
    await expect(startDeployByToken(await t.principal(), randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
