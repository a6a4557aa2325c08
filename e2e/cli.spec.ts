import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TokenScope } from "@/lib/tokens/scopes";
import { storeToken } from "@/lib/tokens/tokens";
import type { Db } from "@/lib/db";
import { makeLiveRelease } from "./live-release";
import { expect, test, type TestUser } from "./fixtures";

// The real `switchback` CLI as a pipeline runs it: a child process started from another working
// directory, configured only by SWITCHBACK_URL and SWITCHBACK_TOKEN, against the real server.
// Every exit code a pipeline branches on is checked here.

const BIN = path.resolve(import.meta.dirname, "../bin/switchback.mjs");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function switchback(url: string, token: string, ...args: string[]): Promise<Run> {
  const env = { ...process.env, SWITCHBACK_URL: url, SWITCHBACK_TOKEN: token };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: tmpdir(), env, timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

async function pipelineToken(db: Db, releaseId: string, creator: TestUser, scopes: TokenScope[]): Promise<string> {
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "PIPELINE", name: "e2e pipeline", releaseId, createdById: creator.id, scopes }));
  return secret;
}

async function serviceToken(db: Db, service: string, creator: TestUser, scopes: TokenScope[]): Promise<string> {
  const { secret } = await db.$transaction((tx) =>
    storeToken(tx, { kind: "PIPELINE", name: "e2e service pipeline", releaseId: null, service, createdById: creator.id, scopes }),
  );
  return secret;
}

async function liveRelease(db: Db, makeUser: (role: "OPERATOR") => Promise<TestUser>) {
  const [decision, backup] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision, backup, creator: decision });
  return { ...release, decision };
}

// Each test runs the real CLI several times, each run a fresh Node process compiling TypeScript
// with tsx: seconds apiece on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test("status reads the release for people and for scripts, and exits 4 for a token that may not read it", async ({ db, makeUser, baseURL }) => {
  const mine = await liveRelease(db, makeUser);
  const other = await liveRelease(db, makeUser);
  const token = await pipelineToken(db, mine.id, mine.decision, ["read"]);

  const plain = await switchback(baseURL!, token, "status", mine.id);
  expect(plain.code, plain.stderr).toBe(0);
  expect(plain.stdout).toContain(`Live ${mine.decision.id.slice(0, 6)}`);
  expect(plain.stdout).toMatch(/Status: +In progress · active stage: Expand/);
  expect(plain.stdout).toMatch(/Expand +Active/);
  expect(plain.stdout).toContain("Decision: none yet");
  expect(plain.stdout).toContain("STALE Error rate: No data for Error rate yet");

  const json = await switchback(baseURL!, token, "status", mine.id, "--json");
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ id: mine.id, status: "IN_PROGRESS", activeStage: "expand", latestDecision: null });

  const pushOnly = await switchback(baseURL!, await pipelineToken(db, mine.id, mine.decision, ["push"]), "status", mine.id);
  expect(pushOnly.code).toBe(4);
  expect(pushOnly.stderr).toContain("lacks the “read” scope");

  const otherRelease = await switchback(baseURL!, token, "status", other.id);
  expect(otherRelease.code).toBe(4);
  expect(otherRelease.stderr).toContain("This token is for another release.");
  expect(otherRelease.stdout).toBe("");
});

test("gate exits 0 on Go, 1 on Stop with the reason, 2 when the wait runs out", async ({ db, makeUser, baseURL }) => {
  // Go: Expand done, the decision owner called Go, no stop criterion breached.
  const open = await liveRelease(db, makeUser);
  await db.stage.updateMany({ where: { releaseId: open.id, kind: "EXPAND" }, data: { status: "DONE", completedAt: new Date() } });
  await db.stage.updateMany({ where: { releaseId: open.id, kind: "MIGRATE" }, data: { status: "ACTIVE", startedAt: new Date() } });
  await db.decision.create({ data: { releaseId: open.id, verdict: "GO", reason: "Expand looks clean", actorId: open.decision.id, snapshot: {} } });
  const go = await switchback(baseURL!, await pipelineToken(db, open.id, open.decision, ["gate"]), "gate", open.id, "--stage", "migrate", "--wait", "30s");
  expect(go.code, go.stderr).toBe(0);
  expect(go.stdout).toContain("GO: Migrate may be deployed now");
  expect(await db.auditEvent.count({ where: { releaseId: open.id, action: "pipeline.gate_passed" } })).toBe(1);

  // Stop: answered at once, whatever --wait says, with the decision owner's reason.
  const stopped = await liveRelease(db, makeUser);
  await db.release.update({ where: { id: stopped.id }, data: { status: "STOPPED" } });
  await db.decision.create({
    data: { releaseId: stopped.id, verdict: "STOP", reason: "Error rate 4 % above the stop line", actorId: stopped.decision.id, snapshot: {} },
  });
  const stop = await switchback(
    baseURL!,
    await pipelineToken(db, stopped.id, stopped.decision, ["gate"]),
    "gate",
    stopped.id,
    "--stage",
    "migrate",
    "--wait",
    "1h",
  );
  expect(stop.code).toBe(1);
  expect(stop.stderr).toContain("Error rate 4 % above the stop line");
  expect(stop.stdout).toBe("");

  // Still waiting: Expand is active and nobody has called Go.
  const waiting = await liveRelease(db, makeUser);
  const gateToken = await pipelineToken(db, waiting.id, waiting.decision, ["gate"]);
  const timeout = await switchback(baseURL!, gateToken, "gate", waiting.id, "--stage", "migrate", "--wait", "1s");
  expect(timeout.code).toBe(2);
  expect(timeout.stderr).toContain("Still waiting at the Migrate gate after 1s for: Expand to be done; the decision owner's Go for Migrate");
  const timeoutJson = await switchback(baseURL!, gateToken, "gate", waiting.id, "--stage", "migrate", "--wait", "1", "--json");
  expect(timeoutJson.code).toBe(2);
  expect(JSON.parse(timeoutJson.stdout)).toEqual({ go: false, waitingFor: ["Expand to be done", "the decision owner's Go for Migrate"] });
});

test("a command that cannot reach Switchback retries for a while, then exits 3", async ({ db, makeUser }) => {
  const release = await liveRelease(db, makeUser);
  const token = await pipelineToken(db, release.id, release.decision, ["gate"]);
  const unreachable = await switchback(`http://127.0.0.1:${await closedPort()}`, token, "gate", release.id, "--stage", "migrate");
  expect(unreachable.code).toBe(3);
  expect(unreachable.stderr).toContain("Could not ask Switchback: could not reach");
  expect(unreachable.stderr).toContain("trying again in 1 s");
});

test("push sends samples and refuses a value that is not a number before sending", async ({ db, makeUser, baseURL }) => {
  const release = await liveRelease(db, makeUser);
  const token = await pipelineToken(db, release.id, release.decision, ["push"]);

  const pushed = await switchback(baseURL!, token, "push", release.id, "error_rate=0.7");
  expect(pushed.code, pushed.stderr).toBe(0);
  expect(pushed.stdout).toContain("Accepted 1 sample.");
  const samples = await db.signalSample.findMany({ where: { signal: { releaseId: release.id } }, select: { value: true } });
  expect(samples).toEqual([{ value: 0.7 }]);

  const notANumber = await switchback(baseURL!, token, "push", release.id, "error_rate=high");
  expect(notANumber.code).toBe(4);
  expect(notANumber.stderr).toContain('"error_rate=high": the value of error_rate must be a number');

  const unknown = await switchback(baseURL!, token, "push", release.id, "eror_rate=1");
  expect(unknown.code).toBe(4);
  expect(unknown.stderr).toContain("is not a signal of this release: eror_rate");
  expect(await db.signalSample.count({ where: { signal: { releaseId: release.id } } })).toBe(1);
});

test("stage complete marks the stage done, and exits 1 when the release refuses", async ({ db, makeUser, baseURL }) => {
  const release = await liveRelease(db, makeUser);
  const token = await pipelineToken(db, release.id, release.decision, ["deploy"]);

  const unticked = await switchback(baseURL!, token, "stage", "complete", release.id, "expand");
  expect(unticked.code).toBe(1);
  expect(unticked.stderr).toContain("“Columns added”");

  await db.checklistItem.updateMany({ where: { stage: { releaseId: release.id, kind: "EXPAND" } }, data: { done: true, doneAt: new Date() } });
  const done = await switchback(baseURL!, token, "stage", "complete", release.id, "expand", "--json");
  expect(done.code, done.stderr).toBe(0);
  expect(JSON.parse(done.stdout)).toEqual({ stage: "expand", next: "migrate", status: "IN_PROGRESS" });
  const stages = await db.stage.findMany({ where: { releaseId: release.id }, orderBy: { position: "asc" }, select: { status: true } });
  expect(stages.map((s) => s.status)).toEqual(["DONE", "ACTIVE", "PENDING"]);
});

test("release create prints the new release's id for the job to keep, or the release with --json; a release-scoped token exits 4", async ({
  db,
  makeUser,
  baseURL,
}) => {
  const creator = await makeUser("OPERATOR");
  const service = `cli-${creator.id.slice(0, 8)}`;
  const token = await serviceToken(db, service, creator, ["deploy"]);

  const created = await switchback(baseURL!, token, "release", "create", "--title", "Orders: add note", "--style", "canary");
  expect(created.code, created.stderr).toBe(0);
  const id = created.stdout.trim();
  expect(
    await db.release.findUniqueOrThrow({ where: { id }, select: { title: true, service: true, status: true, deployStyle: true, createdById: true } }),
  ).toEqual({
    ...{ title: "Orders: add note", service, status: "DRAFT" },
    ...{ deployStyle: "CANARY", createdById: creator.id },
  });

  const copy = await switchback(baseURL!, token, "release", "create", "--title", "Orders: add note again", "--from", "latest", "--json");
  expect(copy.code, copy.stderr).toBe(0);
  const summary = JSON.parse(copy.stdout) as { id: string };
  expect(summary).toMatchObject({ title: "Orders: add note again", service, status: "DRAFT", activeStage: null });
  expect(await db.release.findUniqueOrThrow({ where: { id: summary.id }, select: { clonedFromId: true, deployStyle: true } })).toEqual({
    clonedFromId: id,
    deployStyle: "CANARY",
  });

  const scoped = await switchback(baseURL!, await pipelineToken(db, id, creator, ["deploy"]), "release", "create", "--title", "Not from this token");
  expect(scoped.code).toBe(4);
  expect(scoped.stderr).toContain("A release-scoped token cannot create releases; create a service-wide token.");
  expect(scoped.stdout).toBe("");
});

test("deploy start starts a ready release, exits 1 for a draft with what to do first, and 4 for a release of another service", async ({
  db,
  makeUser,
  baseURL,
}) => {
  const creator = await makeUser("OPERATOR");
  const service = `cli-${creator.id.slice(0, 8)}`;
  const token = await serviceToken(db, service, creator, ["deploy"]);
  const release = await db.release.create({
    data: { title: "CLI start", service, stages: { create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({ kind, position })) } },
    select: { id: true },
  });

  const draft = await switchback(baseURL!, token, "deploy", "start", release.id);
  expect(draft.code).toBe(1);
  expect(draft.stderr).toContain("This release is a draft: mark the plan ready first, then start the deploy.");

  await db.release.update({ where: { id: release.id }, data: { status: "READY" } });
  const started = await switchback(baseURL!, token, "deploy", "start", release.id);
  expect(started.code, started.stderr).toBe(0);
  expect(started.stdout).toContain("The deploy has started; Expand is active.");
  const events = await db.auditEvent.findMany({ where: { releaseId: release.id, action: "release.deploy_started" }, select: { actorLabel: true } });
  expect(events).toEqual([{ actorLabel: "Pipeline token “e2e service pipeline”" }]);

  const elsewhere = await liveRelease(db, makeUser);
  const foreign = await switchback(baseURL!, token, "deploy", "start", elsewhere.id, "--json");
  expect(foreign.code).toBe(4);
  expect(foreign.stderr).toContain(`This token covers the service “${service}” only.`);
});

// A port that was free a moment ago and has no listener now.
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
