import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { TokenScope } from "@/lib/tokens/scopes";
import { storeToken } from "@/lib/tokens/tokens";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test, type TestUser } from "./fixtures";

// Issue 14's acceptance, as a pipeline lives it: a script waits at the Migrate gate with a pipeline
// token while the decision owner looks at the cockpit in a real browser; Go lets the pipeline
// through, Stop turns it away with the owner's reason, a token that may not ask is refused, and
// the audit trail names the token that passed.

async function pipelineToken(db: Db, releaseId: string, creator: TestUser, scopes: TokenScope[], name = `ci-deploy ${randomUUID().slice(0, 8)}`) {
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "PIPELINE", name, releaseId, createdById: creator.id, scopes }));
  return { name, secret };
}

// What a CI job does: a plain HTTP request from outside the browser.
async function askGate(baseURL: string, releaseId: string, wait: number, token?: string) {
  const response = await fetch(`${baseURL}/api/v1/releases/${releaseId}/gate?stage=migrate&wait=${wait}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, at: Date.now() };
}

test("a pipeline waiting at the Migrate gate goes on the owner's Go, is turned away by a Stop, and its passage is audited", async ({
  page,
  makeUser,
  db,
  baseURL,
}) => {
  const [owner, backup, admin] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("ADMIN")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: admin });
  // Expand is applied and done; Migrate is the active stage; nobody has called Go yet.
  await db.stage.updateMany({ where: { releaseId: release.id, kind: "EXPAND" }, data: { status: "DONE", completedAt: new Date() } });
  await db.stage.updateMany({ where: { releaseId: release.id, kind: "MIGRATE" }, data: { status: "ACTIVE", startedAt: new Date() } });
  const token = await pipelineToken(db, release.id, admin, ["read", "gate"]);

  // Asked without waiting, the gate says what it waits for.
  expect(await askGate(baseURL!, release.id, 0, token.secret)).toMatchObject({
    status: 202,
    body: { go: false, waitingFor: ["the decision owner's Go for Migrate"] },
  });

  // The pipeline starts its long poll before anyone looks at the cockpit.
  const waiting = askGate(baseURL!, release.id, 60, token.secret);

  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByText("● Live")).toBeVisible();
  const clickedAt = Date.now();
  await page.getByRole("button", { name: "Go", exact: true }).click();

  const passed = await waiting;
  expect(passed.status).toBe(200);
  expect(passed.body).toMatchObject({ go: true, stage: "migrate", release: release.id });
  // Split the wait: the click's own round trip (the action storing the decision), then the gate.
  const decided = await db.decision.findFirstOrThrow({ where: { releaseId: release.id, verdict: "GO" }, select: { createdAt: true } });
  test
    .info()
    .annotations.push(
      { type: "gate answered after the Go click", description: `${passed.at - clickedAt} ms` },
      { type: "Go's transaction began after the click", description: `${decided.createdAt.getTime() - clickedAt} ms` },
      { type: "gate passed after the Go's transaction began", description: `${Date.parse(String(passed.body.at)) - decided.createdAt.getTime()} ms` },
    );
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("called GO");

  // The owner changes their mind: Stop, with a reason.
  const reason = `Checkout errors doubled ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Confirm Stop" }).getByRole("button", { name: "Stop, keep the flag" }).click();
  await expect(page.getByText("Stopped", { exact: true })).toBeVisible();

  // A new request, however long it offers to wait, is turned away at once with the owner's reason.
  const askedAt = Date.now();
  const refused = await askGate(baseURL!, release.id, 60, token.secret);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ go: false, status: "STOPPED" });
  expect(refused.body.reason).toContain(owner.name);
  expect(refused.body.reason).toContain(reason);
  test.info().annotations.push({ type: "Stop answered after", description: `${refused.at - askedAt} ms` });

  // Only a token that may ask about this release is answered.
  const readOnly = await pipelineToken(db, release.id, admin, ["read"]);
  const noScope = await askGate(baseURL!, release.id, 0, readOnly.secret);
  expect(noScope.status).toBe(403);
  expect(noScope.body).toMatchObject({ error: { code: "FORBIDDEN", message: expect.stringContaining("“gate” scope") } });
  const elsewhere = await makeLiveRelease(db, { decision: backup, backup: owner, creator: admin });
  const otherToken = await pipelineToken(db, elsewhere.id, admin, ["gate"]);
  const otherRelease = await askGate(baseURL!, release.id, 0, otherToken.secret);
  expect(otherRelease.status).toBe(403);
  expect(otherRelease.body).toMatchObject({ error: { code: "FORBIDDEN", message: "This token is for another release." } });
  const anonymous = await askGate(baseURL!, release.id, 0);
  expect(anonymous.status).toBe(401);
  expect(anonymous.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

  // The audit trail shows the pipeline's one passage, by the token's name.
  await page.goto(`/releases/${release.id}/audit`);
  const passage = page.getByRole("listitem").filter({ hasText: "passed the Migrate gate" });
  await expect(passage).toHaveCount(1);
  await expect(passage).toContainText(`Pipeline token “${token.name}”`);
});
