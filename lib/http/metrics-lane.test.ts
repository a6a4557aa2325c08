import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { turnFlagOff } from "@/lib/flags/commands";
import { metricsLane } from "@/lib/http/metrics-lane";
import { startLeaderLoop } from "@/lib/live/leader";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

// /metrics as scripts/serve.ts serves it: a real node:http server, the real registry, real flips and
// a real leader loop against the test database. The server listens on every interface, so the
// same lane can be reached from loopback and from this machine's own network address.

const TOKEN = "metrics-token-for-the-test";

let lane: { server: Server; port: number };
beforeAll(async () => {
  const server = createServer((request, response) => {
    if (!metricsLane(request, response, TOKEN)) response.writeHead(418).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  lane = { server, port: (server.address() as AddressInfo).port };
});
afterAll(() => {
  lane.server.closeAllConnections();
  lane.server.close();
});

const loopback = (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${lane.port}/metrics`, { headers });

// An address of this machine that is not loopback: a scrape from it comes from "elsewhere".
function networkAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === "IPv4");
  if (!found) throw new Error("This machine has no non-loopback IPv4 address to test remote access from.");
  return found.address;
}
const remote = (headers: Record<string, string> = {}) => fetch(`http://${networkAddress()}:${lane.port}/metrics`, { headers });

// The value of one series in the text format, 0 when it is not there yet.
function sample(text: string, series: string): number {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
const scrape = async () => (await loopback()).text();

describe("/metrics", () => {
  it("is served in Prometheus' text format to loopback, with the process metrics", async () => {
    const response = await loopback();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE switchback_flips_total counter");
    expect(text).toContain("# TYPE switchback_http_request_duration_seconds histogram");
    expect(text).toMatch(/^switchback_webhook_queue_depth \d+$/m);
    expect(text).toMatch(/^switchback_stream_clients\{stream="ofrep"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it("counts a flip by its outcome", async () => {
    const operator = await createUser("OPERATOR");
    const key = `metrics-${randomUUID().slice(0, 8)}`;
    const release = await testDb().release.create({
      data: { title: "Counted", status: "IN_PROGRESS", flagProvider: "BUILTIN", flagKey: key, flagEnvironment: "production" },
      select: { id: true },
    });
    await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
    const before = await scrape();
    ok(await as(operator)(turnFlagOff, { releaseId: release.id, expected: true }));
    // The second sees the flag already off: a conflict, which changes nothing.
    expect(await as(operator)(turnFlagOff, { releaseId: release.id, expected: true })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const after = await scrape();
    const applied = 'switchback_flips_total{outcome="applied"}';
    const conflict = 'switchback_flips_total{outcome="conflict"}';
    expect([sample(after, applied) - sample(before, applied), sample(after, conflict) - sample(before, conflict)]).toEqual([1, 1]);
  });

  it("says which instance leads each background loop, and forgets a loop that stopped", async () => {
    const loop = startLeaderLoop({
      databaseUrl: inject("runtimeDatabaseUrl"),
      key: 990_000 + Math.floor(Math.random() * 9_000),
      name: "switchback-metrics-test",
      tickMs: 50,
      work: async () => undefined,
      log: () => undefined,
    });
    try {
      await expect.poll(() => loop.isLeader(), { timeout: 10_000 }).toBe(true);
      const text = await scrape();
      expect(sample(text, 'switchback_leader{loop="switchback-metrics-test"}')).toBe(1);
      expect(text).toMatch(/^switchback_loop_tick_duration_seconds_count\{loop="switchback-metrics-test"\} [1-9]\d*$/m);
    } finally {
      await loop.stop();
    }
    expect(await scrape()).not.toContain('switchback_leader{loop="switchback-metrics-test"}');
  });

  it("is refused from another address without the token, and served to it with the token", async () => {
    const refused = await remote();
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await remote({ authorization: "Bearer not-the-token-at-all" })).status).toBe(401);
    const allowed = await remote({ authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("switchback_flips_total");
  });

  it("takes a request a proxy forwarded from loopback for a remote one", async () => {
    expect((await loopback({ "x-forwarded-for": "203.0.113.9" })).status).toBe(401);
    expect((await loopback({ "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("without a token configured, refuses other addresses outright", async () => {
    const server = createServer((request, response) => void metricsLane(request, response, undefined));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await fetch(`http://${networkAddress()}:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toMatch(/loopback only; set METRICS_TOKEN/);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("passes on what is not GET /metrics", async () => {
    const statuses = await Promise.all([
      fetch(`http://127.0.0.1:${lane.port}/metrics`, { method: "POST" }),
      fetch(`http://127.0.0.1:${lane.port}/metrics/x`),
      fetch(`http://127.0.0.1:${lane.port}/api/v1/health`),
    ]).then((responses) => responses.map((response) => response.status));
    expect(statuses).toEqual([418, 418, 418]);
  });
});
