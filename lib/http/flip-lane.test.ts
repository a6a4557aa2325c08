import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endSession, startSession } from "@/lib/auth/sessions";
import { flipLane, secureCookies } from "@/lib/http/flip-lane";
import type { CurrentUser } from "@/lib/permissions";
import { createUser, testDb } from "@/lib/testing/db";

// The kill switch's lane as scripts/serve.ts runs it: a real node:http server on loopback, the
// real flip action and database, a session cookie next-auth itself would accept. What the lane
// does not take goes on to the server's next handler (Next.js in production; a 418 here). The
// lane's origin says how the request reached Switchback (https names the cookie differently).

const SECRET = "a-test-secret-that-is-long-enough-for-next-auth";
const ORIGIN = "http://switchback.test:4000";
let lane: { server: Server; base: string };
beforeAll(async () => {
  const server = createServer((request, response) => {
    if (!flipLane(request, response, ORIGIN, SECRET)) response.writeHead(418).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  lane = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});
afterAll(() => {
  lane.server.closeAllConnections();
  lane.server.close();
});

async function releaseWithFlag() {
  const [owner, operator, viewer] = [await createUser("OPERATOR"), await createUser("OPERATOR"), await createUser("VIEWER")];
  const key = `lane-${randomUUID().slice(0, 8)}`;
  const release = await testDb().release.create({
    data: { title: "Lane flip", status: "IN_PROGRESS", flagProvider: "BUILTIN", flagKey: key, flagEnvironment: "production", decisionOwnerId: owner.id },
    select: { id: true },
  });
  await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
  return { id: release.id, key, owner, operator, viewer };
}

// The cookie next-auth sets at sign-in (lib/auth.ts): its JWT names the user and the server-side session.
async function cookieOf(user: CurrentUser, options: { secure?: boolean; secret?: string } = {}) {
  const name = options.secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const sid = await startSession(testDb(), user.id);
  const token = await encode({ token: { sub: user.id, sid, role: user.role }, secret: options.secret ?? SECRET, salt: name, maxAge: 3600 });
  return { cookie: `${name}=${token}`, sid };
}

const flip = (releaseId: string, to: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${lane.base}/api/v1/releases/${releaseId}/flag/${to}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: lane.base, ...headers },
    body: JSON.stringify(body),
  });
const enabled = async (key: string) => (await testDb().flag.findFirstOrThrow({ where: { key }, select: { enabled: true } })).enabled;
const flips = (releaseId: string) => testDb().auditEvent.findMany({ where: { releaseId, action: "flag.changed" }, select: { actorId: true } });

describe("the kill switch's lane", () => {
  it("flips the flag for a signed-in operator and the decision owner, audited under their names", async () => {
    const r = await releaseWithFlag();
    const off = await flip(r.id, "off", { expected: true, reason: "errors climbing" }, { cookie: (await cookieOf(r.operator)).cookie });
    expect([off.status, await off.json()]).toEqual([200, { enabled: false }]);
    expect(off.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await enabled(r.key)).toBe(false);
    const on = await flip(r.id, "on", { expected: false }, { cookie: (await cookieOf(r.owner)).cookie });
    expect([on.status, await on.json()]).toEqual([200, { enabled: true }]);
    expect((await flips(r.id)).map((e) => e.actorId)).toEqual([r.operator.id, r.owner.id]);
  });

  it("refuses as the route does, changing nothing: no session, an ended one, a forged one, a viewer, an operator turning it on, another site, a form", async () => {
    const r = await releaseWithFlag();
    const operator = await cookieOf(r.operator);
    const expectRefused = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect((await response.json()).error).toMatchObject({ code });
    };
    await expectRefused(await flip(r.id, "off", { expected: true }, {}), 401, "UNAUTHENTICATED");
    await expectRefused(
      await flip(r.id, "off", { expected: true }, { cookie: (await cookieOf(r.operator, { secret: `${SECRET}-other` })).cookie }),
      401,
      "UNAUTHENTICATED",
    );
    // A cookie made for https is not read on plain http, as next-auth names its cookie by the protocol.
    await expectRefused(await flip(r.id, "off", { expected: true }, { cookie: (await cookieOf(r.operator, { secure: true })).cookie }), 401, "UNAUTHENTICATED");
    await expectRefused(await flip(r.id, "off", { expected: true }, { cookie: (await cookieOf(r.viewer)).cookie }), 403, "FORBIDDEN");
    await expectRefused(await flip(r.id, "off", { expected: true }, { cookie: operator.cookie, origin: "http://evil.test" }), 403, "FORBIDDEN");
    const form = await fetch(`${lane.base}/api/v1/releases/${r.id}/flag/off`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: lane.base, cookie: operator.cookie },
      body: JSON.stringify({ expected: true }),
    });
    await expectRefused(form, 415, "UNSUPPORTED_MEDIA_TYPE");
    await endSession(testDb(), operator.sid);
    await expectRefused(await flip(r.id, "off", { expected: true }, { cookie: operator.cookie }), 401, "UNAUTHENTICATED");
    expect(await enabled(r.key)).toBe(true);

    const fresh = { cookie: (await cookieOf(r.operator)).cookie };
    expect((await flip(r.id, "off", { expected: true }, fresh)).status).toBe(200);
    await expectRefused(await flip(r.id, "on", { expected: false }, fresh), 403, "FORBIDDEN");
    await expectRefused(await flip(r.id, "off", { expected: "yes" }, fresh), 400, "INVALID");
    expect(await enabled(r.key)).toBe(false);
    expect(await flips(r.id)).toHaveLength(1);
  });

  it("reads the https cookie over https", async () => {
    const r = await releaseWithFlag();
    const server = createServer((request, response) => {
      if (!flipLane(request, response, "https://switchback.test", SECRET)) response.writeHead(418).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await fetch(`http://${host}/api/v1/releases/${r.id}/flag/off`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: `https://${host}`,
          cookie: (await cookieOf(r.operator, { secure: true })).cookie,
        },
        body: JSON.stringify({ expected: true }),
      });
      expect([response.status, await response.json()]).toEqual([200, { enabled: false }]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("names the cookie as next-auth does: by AUTH_URL when it is set, else by how the request came in", () => {
    expect(secureCookies("http://switchback.test", undefined)).toBe(false);
    expect(secureCookies("https://switchback.test", undefined)).toBe(true);
    expect(secureCookies("http://10.0.0.5:3000", "https://switchback.example.com")).toBe(true);
    expect(secureCookies("https://switchback.test", "http://localhost:3000")).toBe(false);
  });

  it("leaves everything else to Next.js: another method, another path, a server without a secret", async () => {
    const r = await releaseWithFlag();
    const { cookie } = await cookieOf(r.operator);
    expect((await fetch(`${lane.base}/api/v1/releases/${r.id}/flag/off`, { headers: { cookie } })).status).toBe(418);
    expect((await flip(r.id, "approve", { expected: true }, { cookie })).status).toBe(418);
    expect((await fetch(`${lane.base}/api/v1/releases/${r.id}/flag/offx`, { method: "POST", headers: { cookie } })).status).toBe(418);
    const bare = createServer((request, response) => {
      if (!flipLane(request, response, ORIGIN, undefined)) response.writeHead(418).end("next");
    });
    await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
    try {
      const port = (bare.address() as AddressInfo).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/releases/${r.id}/flag/off`, { method: "POST", headers: { cookie } })).status).toBe(418);
    } finally {
      bare.close();
    }
    expect(await enabled(r.key)).toBe(true);
  });
});
