import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlagProviderUnavailable, type FlagRef } from "@/lib/flags/providers/types";
import { unleashProvider } from "@/lib/flags/providers/unleash/provider";
import { freePort } from "@/lib/net";
import { startUnleash, type UnleashPeer } from "@/lib/testing/unleash";

const actor = { id: null, label: "Test operator" };
const NOT_CHANGED = "the flag was not changed";
let unleash: UnleashPeer;
let doomed: UnleashPeer;

beforeAll(async () => {
  [unleash, doomed] = await Promise.all([startUnleash(), startUnleash()]);
}, 180_000);
afterAll(() => Promise.all([unleash?.stop(), doomed?.stop()]));

const provider = (url = unleash.url, timeoutMs = 3000, token = unleash.adminToken) => unleashProvider({ url, token, project: "default", timeoutMs });

async function admin(path: string, method = "GET", body?: unknown): Promise<unknown> {
  const response = await fetch(`${unleash.url}/api/admin/${path}`, {
    method,
    headers: { Authorization: unleash.adminToken, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  return response.headers.get("content-type")?.includes("json") ? response.json() : null;
}

// Each test gets its own kill switch in `development`, created off, so tests share nothing.
async function killSwitch(): Promise<FlagRef> {
  const key = `switchback-kill-switch-${randomUUID().slice(0, 8)}`;
  await admin("projects/default/features", "POST", { name: key, type: "kill-switch" });
  return { key, environment: "development" };
}

async function toggleEvents(flag: FlagRef) {
  const query = `feature=IS:${flag.key}&environment=IS:${flag.environment}&type=IS_ANY_OF:feature-environment-enabled,feature-environment-disabled`;
  return ((await admin(`search/events?${query}`)) as { events: { type: string; createdBy: string; createdAt: string }[] }).events;
}

// The exact sentence the person at the kill switch would read.
async function unavailableMessage(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlagProviderUnavailable);
  return (error as Error).message;
}

// Stands in front of the real Unleash and withholds chosen answers, to reach the failure paths of a toggle.
async function faultyProxy(decide: (request: http.IncomingMessage, seenPost: boolean) => "forward" | "swallow" | "forward-silently") {
  let seenPost = false;
  const server = http.createServer(async (request, response) => {
    const decision = decide(request, seenPost);
    seenPost ||= request.method === "POST";
    if (decision === "swallow") return;
    const headers = { Authorization: request.headers.authorization ?? "" };
    const answer = await fetch(`${unleash.url}${request.url}`, { method: request.method, headers });
    const body = await answer.text();
    if (decision === "forward") response.writeHead(answer.status, { "content-type": "application/json" }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      // Swallowed requests keep their sockets open; close() alone would wait for them.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("unleash provider against a real unleash-server", () => {
  it("flips on and off when the expected state matches, and Unleash logs each toggle", async () => {
    const flag = await killSwitch();
    const on = await provider().set(flag, false, true, actor);
    expect(on).toMatchObject({ kind: "applied", state: { enabled: true, changedBy: "switchback-tests" } });
    expect((await provider().read(flag))?.enabled).toBe(true);

    const off = await provider().set(flag, true, false, actor);
    expect(off).toMatchObject({ kind: "applied", state: { enabled: false, changedBy: "switchback-tests", changedAt: expect.any(Date) } });
    expect((await provider().read(flag))?.enabled).toBe(false);
    const events = await toggleEvents(flag);
    expect(events.map((e) => [e.type, e.createdBy])).toEqual([
      ["feature-environment-disabled", "switchback-tests"],
      ["feature-environment-enabled", "switchback-tests"],
    ]);
  });

  it("answers conflict with who changed it when the flag is not in the expected state, and changes nothing", async () => {
    const flag = await killSwitch();
    await admin(`projects/default/features/${flag.key}/environments/development/on`, "POST");
    const before = await toggleEvents(flag);

    const result = await provider().set(flag, false, true, actor);
    expect(result).toMatchObject({ kind: "conflict", state: { enabled: true, changedBy: "switchback-tests" } });
    expect(result.kind === "conflict" && result.state.changedAt?.toISOString()).toBe(before[0]?.createdAt);
    expect(await toggleEvents(flag)).toEqual(before);
  });

  it("answers missing for an unknown flag or environment", async () => {
    const flag = await killSwitch();
    expect(await provider().set({ key: `no-such-flag-${randomUUID()}`, environment: "development" }, true, false, actor)).toEqual({ kind: "missing" });
    expect(await provider().set({ ...flag, environment: "staging" }, false, true, actor)).toEqual({ kind: "missing" });
  });

  it("checks an existing flag in words", async () => {
    const flag = await killSwitch();
    expect(await provider().health(flag)).toEqual({ ok: true, message: `Unleash answers: ${flag.key} is off in development.` });
  });

  it("says plainly that nothing changed when Unleash has stopped, and check reports it", async () => {
    const flag = { key: "switchback-kill-switch", environment: "development" };
    const gone = provider(doomed.url, 3000, doomed.adminToken);
    expect((await gone.health(flag)).message).toBe("Unleash has no flag switchback-kill-switch in the environment development.");
    await doomed.stop();
    expect(await unavailableMessage(gone.set(flag, true, false, actor))).toBe(`Unleash could not be reached (connection refused) — ${NOT_CHANGED}`);
    expect(await gone.health(flag)).toEqual({ ok: false, message: "Unleash could not be reached (connection refused)." });
  });

  it("gives up after the configured timeout when Unleash never answers", async () => {
    const silent = await faultyProxy(() => "swallow");
    const attempt = provider(silent.url, 2000).set(await killSwitch(), false, true, actor);
    expect(await unavailableMessage(attempt)).toBe(`Unleash did not answer in 2 s — ${NOT_CHANGED}`);
    await silent.close();
  });

  it("reads back after a toggle that got no answer, and says what that read shows", async () => {
    const flag = await killSwitch();
    const dropPost = await faultyProxy((r) => (r.method === "POST" ? "swallow" : "forward"));
    const dropped = provider(dropPost.url, 2000).set(flag, false, true, actor);
    expect(await unavailableMessage(dropped)).toBe(`Unleash did not answer in 2 s — ${NOT_CHANGED}`);
    expect((await provider().read(flag))?.enabled).toBe(false);

    const landedSilently = await faultyProxy((r) => (r.method === "POST" ? "forward-silently" : "forward"));
    expect(await provider(landedSilently.url, 2000).set(flag, false, true, actor)).toMatchObject({ kind: "applied", state: { enabled: true } });

    const blackout = await faultyProxy((r, seenPost) => (r.method === "POST" || seenPost ? "swallow" : "forward"));
    expect(await unavailableMessage(provider(blackout.url, 2000).set(flag, true, false, actor))).toBe(
      "Unleash did not answer in 2 s — Switchback could not confirm whether the flag changed; check Unleash",
    );
    await Promise.all([dropPost.close(), landedSilently.close(), blackout.close()]);
  });

  it("names the status and never the token when Unleash refuses", async () => {
    const wrongToken = provider(unleash.url, 3000, "*:*.wrong-secret");
    expect(await unavailableMessage(wrongToken.set(await killSwitch(), false, true, actor))).toBe(`Unleash answered 401 Unauthorized — ${NOT_CHANGED}`);
  });
});
