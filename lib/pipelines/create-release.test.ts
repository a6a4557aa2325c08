import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tokenPrincipal } from "@/lib/api/v1/token-principal";
import { createReleaseByToken } from "@/lib/pipelines/create-release";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import type { TokenScope } from "@/lib/tokens/scopes";
import { storeToken } from "@/lib/tokens/tokens";

// A pipeline creating the release it is about to deploy: only a service-wide token with the deploy
// scope may, the release lands in the token's service with the token's creator as its creator, a
// copy comes only from that service, and the audit trail names the token once.

async function pipeline(scopes: TokenScope[], cover: { releaseId?: string; service?: string }) {
  const creator = await createUser("OPERATOR");
  const name = `ci ${randomUUID().slice(0, 8)}`;
  const { token, secret } = await testDb().$transaction((tx) =>
    storeToken(tx, { kind: "PIPELINE", name, releaseId: cover.releaseId ?? null, service: cover.service ?? null, createdById: creator.id, scopes }),
  );
  return { id: token.id, name, creator, principal: () => tokenPrincipal(`Bearer ${secret}`, "deploy") };
}

// A release of the service with a plan worth copying: stage SQL, ticked items, a signal and criterion.
async function earlierRelease(service: string, title: string) {
  const owner = await createUser("OPERATOR");
  const release = await fixtureRelease(owner.id, "COMPLETED", { activeStageDone: true });
  await testDb().release.update({ where: { id: release.id }, data: { service, title, deployStyle: "BLUE_GREEN" } });
  await testDb().stage.updateMany({ where: { releaseId: release.id, kind: "EXPAND" }, data: { sql: `-- ${title}\nALTER TABLE orders ADD COLUMN note text;` } });
  return release;
}

const newService = () => `orders-${randomUUID().slice(0, 8)}`;
// No style chosen: a copy keeps its source's.
const body = (from: string, title = "Orders: add note") => ({ title, from });

describe("a pipeline creating a release", () => {
  it("creates it from the template in the token's service, made by the token's creator, with one audit event naming the token", async () => {
    const service = newService();
    const t = await pipeline(["deploy"], { service });
    const { id } = await createReleaseByToken(await t.principal(), { title: "Orders: add note", from: "template", deployStyle: "CANARY" });

    const release = await testDb().release.findUniqueOrThrow({
      where: { id },
      select: {
        title: true,
        service: true,
        status: true,
        deployStyle: true,
        createdById: true,
        stages: { orderBy: { position: "asc" }, select: { kind: true } },
      },
    });
    expect(release).toEqual({
      ...{ title: "Orders: add note", service, status: "DRAFT", deployStyle: "CANARY", createdById: t.creator.id },
      stages: [{ kind: "EXPAND" }, { kind: "MIGRATE" }, { kind: "CONTRACT" }],
    });
    const events = await testDb().auditEvent.findMany({
      where: { releaseId: id },
      select: { action: true, actorType: true, actorLabel: true, after: true, summary: true },
    });
    expect(events).toEqual([
      {
        action: "release.created",
        actorType: "SYSTEM",
        actorLabel: `Pipeline token “${t.name}”`,
        after: { title: "Orders: add note", from: "template", deployStyle: "CANARY", service, tokenId: t.id },
        summary: "created the release “Orders: add note”",
      },
    ]);
  });

  it("copies the service's newest plan for “latest”, with its SQL and signals and unticked checklists", async () => {
    const service = newService();
    await earlierRelease(service, "Older");
    const newest = await earlierRelease(service, "Newest");
    await earlierRelease(newService(), "Another service's, newer still");
    const t = await pipeline(["deploy"], { service });

    const { id } = await createReleaseByToken(await t.principal(), body("latest"));

    const copy = await testDb().release.findUniqueOrThrow({
      where: { id },
      select: {
        service: true,
        status: true,
        deployStyle: true,
        clonedFromId: true,
        stages: { where: { kind: "EXPAND" }, select: { sql: true, checklistItems: { select: { done: true } } } },
        signals: { select: { key: true, criteria: { select: { stopThreshold: true } } } },
      },
    });
    expect(copy).toMatchObject({
      service,
      status: "DRAFT",
      deployStyle: "BLUE_GREEN",
      clonedFromId: newest.id,
      signals: [{ key: "error_rate", criteria: [{ stopThreshold: 2 }] }],
    });
    expect(copy.stages[0]!.sql).toContain("-- Newest");
    expect(copy.stages[0]!.checklistItems.every((item) => !item.done)).toBe(true);
  });

  it("says so when the service has no release to copy yet", async () => {
    const service = newService();
    const t = await pipeline(["deploy"], { service });
    await expect(createReleaseByToken(await t.principal(), body("latest"))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `The service “${service}” has no release to copy yet; create this one from the template.`,
    });
  });

  it("copies a named release of its own service, and refuses one of another service", async () => {
    const service = newService();
    const mine = await earlierRelease(service, "Mine");
    const theirs = await earlierRelease(newService(), "Theirs");
    const t = await pipeline(["deploy"], { service });
    const { id } = await createReleaseByToken(await t.principal(), body(mine.id));
    expect(await testDb().release.findUniqueOrThrow({ where: { id }, select: { clonedFromId: true } })).toEqual({ clonedFromId: mine.id });
    await expect(createReleaseByToken(await t.principal(), body(theirs.id, "Not mine"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This token covers the service “${service}” only.`,
    });
    expect(await testDb().release.count({ where: { title: "Not mine", service } })).toBe(0);
  });

  it("is refused to a release-scoped token and to a token without the deploy scope", async () => {
    const service = newService();
    const existing = await earlierRelease(service, "Existing");
    const scoped = await pipeline(["deploy"], { releaseId: existing.id });
    await expect(createReleaseByToken(await scoped.principal(), body("template", "From a scoped token"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A release-scoped token cannot create releases; create a service-wide token.",
    });
    const readOnly = await pipeline(["read", "gate"], { service });
    await expect(readOnly.principal()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("lacks the “deploy” scope") });
    expect(await testDb().release.count({ where: { title: "From a scoped token" } })).toBe(0);
  });
});
