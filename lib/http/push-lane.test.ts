import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushLane } from "@/lib/http/push-lane";
import { createUser, testDb } from "@/lib/testing/db";
import { storeToken } from "@/lib/tokens/tokens";

// The push lane as scripts/serve.ts runs it: a real node:http server on loopback, the real push
// handler and database, plain HTTP clients. What the lane does not take goes on to the server's
// next handler (Next.js in production; a 418 here that says so).

let lane: { server: Server; base: string };
beforeAll(async () => {
  const server = createServer((request, response) => {
    if (!pushLane(request, response, "http://switchback.test:4000")) response.writeHead(418).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  lane = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});
afterAll(() => {
  lane.server.closeAllConnections();
  lane.server.close();
});

async function pushRelease() {
  const admin = await createUser("ADMIN");
  const release = await testDb().release.create({
    data: { title: "Lane", status: "IN_PROGRESS", signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } } },
    select: { id: true },
  });
  const { secret } = await testDb().$transaction((tx) => storeToken(tx, { kind: "SIGNAL_PUSH", name: "lane", releaseId: release.id, createdById: admin.id }));
  return { id: release.id, secret };
}

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${lane.base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const stored = (releaseId: string) => testDb().signalSample.count({ where: { signal: { releaseId } } });

describe("the push lane", () => {
  it("stores a pushed sample with the push token, and refuses as the route does, storing nothing", async () => {
    const r = await pushRelease();
    const bearer = { authorization: `Bearer ${r.secret}` };
    const ok = await post(`/api/v1/releases/${r.id}/signals`, [{ signal: "error_rate", value: 2.5 }], bearer);
    expect([ok.status, await ok.json()]).toEqual([202, { accepted: 1 }]);
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");

    const unknown = await post(`/api/v1/releases/${r.id}/signals`, [{ signal: "p99", value: 1 }], bearer);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fieldErrors).toEqual({ "0.signal": [expect.stringContaining("known: error_rate")] });
    const forged = await post(`/api/v1/releases/${r.id}/signals`, [{ signal: "error_rate", value: 1 }], { authorization: "Bearer sbp_forged" });
    expect(forged.status).toBe(401);
    // The token is checked before the body is read: a wrong token is a 401 whatever it sent.
    const unreadable = await fetch(`${lane.base}/api/v1/releases/${r.id}/signals`, {
      method: "POST",
      headers: { authorization: "Bearer sbp_forged" },
      body: "{",
    });
    expect(unreadable.status).toBe(401);
    const other = await pushRelease();
    const elsewhere = await post(`/api/v1/releases/${other.id}/signals`, [{ signal: "error_rate", value: 1 }], bearer);
    expect(elsewhere.status).toBe(403);
    expect(await stored(r.id)).toBe(1);
    expect(await stored(other.id)).toBe(0);
  });

  it("leaves what is not a token's push to Next.js: no bearer, another method, another path", async () => {
    const r = await pushRelease();
    expect((await post(`/api/v1/releases/${r.id}/signals`, [], {})).status).toBe(418);
    expect((await fetch(`${lane.base}/api/v1/releases/${r.id}/signals`, { headers: { authorization: `Bearer ${r.secret}` } })).status).toBe(418);
    expect((await post(`/api/v1/releases/${r.id}/decisions`, {}, { authorization: `Bearer ${r.secret}` })).status).toBe(418);
  });
});
