import { execFile } from "node:child_process";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { endRevokedStreams } from "@/lib/flags/ofrep/streams";
import { ofrepGuarded } from "@/lib/flags/ofrep/unavailable";
import { bulkRequest, flagInOwnEnvironment, flip } from "@/lib/flags/ofrep/test-helpers";
import { serveWeb, type WebHandler } from "@/lib/http/node-adapter";
import { ofrepLane } from "@/lib/http/ofrep-lane";
import { freePort } from "@/lib/net";
import { testDb } from "@/lib/testing/db";

// The OFREP fast lane as scripts/serve.ts runs it: a real node:http server on loopback, the real
// route handlers and database, and plain HTTP clients. What does not belong to the lane goes on
// to the server's next handler (Next.js in production; here a 418 that says so).

// Handed to the handlers as their origin, unlike the socket's, so the test sees which one they use.
const ORIGIN = "http://switchback.test:4000";

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let lane: { server: Server; base: string };
// Event-stream answers whose connection the server has seen close.
let streamsClosed = 0;
beforeAll(async () => {
  lane = await listen((request, response) => {
    if (request.url?.startsWith("/ofrep/v1/events")) response.once("close", () => streamsClosed++);
    if (!ofrepLane(request, response, ORIGIN)) response.writeHead(418).end("next");
  });
});
afterAll(() => {
  lane.server.closeAllConnections();
  lane.server.close();
});

const evaluate = (secret: string, environment: string, headers: Record<string, string> = {}) => {
  const web = bulkRequest(secret, environment, headers);
  return fetch(`${lane.base}/ofrep/v1/evaluate/flags`, { method: "POST", headers: web.headers, body: web.body, duplex: "half" } as RequestInit);
};

// Reads SSE frames that carry data, as they arrive.
function frames(response: Response) {
  const source = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return async function next(): Promise<{ id: string; type: string }> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (data) return { id: frame.match(/^id: (.*)$/m)![1]!, type: (JSON.parse(data) as { type: string }).type };
        continue;
      }
      const { value, done } = await source.read();
      if (done) throw new Error("the stream ended");
      buffer += value;
    }
  };
}

describe("the OFREP fast lane", () => {
  it("answers a bulk evaluation like the route: flags, ETag and 304, CORS and the security headers", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const first = await evaluate(secret, environment);
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await first.json()) as { flags: { key: string; value: boolean }[]; eventStreams: { url: string }[] };
    expect(body.flags).toEqual([expect.objectContaining({ key, value: true })]);
    expect(body.eventStreams[0]!.url).toMatch(new RegExp(`^${ORIGIN}/ofrep/v1/events\\?ticket=`));

    const again = await evaluate(secret, environment, { "If-None-Match": first.headers.get("etag")! });
    expect(again.status).toBe(304);

    const single = await fetch(`${lane.base}/ofrep/v1/evaluate/flags/${encodeURIComponent(key)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ context: { environment } }),
    });
    expect(await single.json()).toMatchObject({ key, value: true });
    expect((await fetch(`${lane.base}/ofrep/v1/evaluate/flags`, { method: "POST", body: "{" })).status).toBe(401);
    expect((await fetch(`${lane.base}/ofrep/v1/evaluate/flags`, { method: "OPTIONS" })).headers.get("access-control-allow-methods")).toContain("POST");
    expect(await (await fetch(`${lane.base}/ofrep/v1/configuration`)).json()).toMatchObject({ name: "Switchback" });
  });

  it("reads the body itself as the route does: 413 past 64 KB, streamed or declared, and 400 for broken JSON", async () => {
    const { environment, secret } = await flagInOwnEnvironment();
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      fetch(`${lane.base}/ofrep/v1/evaluate/flags`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
        body,
        duplex: "half",
      } as RequestInit);
    const big = JSON.stringify({ context: { environment, padding: "x".repeat(70 * 1024) } });
    const chunked = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
    for (const response of [await post(big), await post(chunked)]) {
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ errorCode: "GENERAL", errorDetails: "The request body is larger than 64 KB." });
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
    }
    const broken = await post('{"context": {');
    expect([broken.status, ((await broken.json()) as { errorCode: string }).errorCode]).toEqual([400, "PARSE_ERROR"]);
    expect((await post(JSON.stringify({ context: { environment } }))).status).toBe(200);
  });

  it("streams refetch events as flags change, and lets go of a stream whose client left", async () => {
    const { environment, key, secret, tokenId } = await flagInOwnEnvironment();
    const { eventStreams } = (await (await evaluate(secret, environment)).json()) as { eventStreams: { url: string }[] };
    const client = new AbortController();
    const stream = await fetch(eventStreams[0]!.url.replace(ORIGIN, lane.base), { signal: client.signal });
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const next = frames(stream);
    const hello = await next();
    await flip(key, environment, false);
    const change = await next();
    expect(change.type).toBe("refetchEvaluation");
    expect(change.id).not.toBe(hello.id);

    client.abort();
    // Once the server has seen the client go, it holds nothing of it: a revoked token finds no stream to end.
    await expect.poll(() => streamsClosed).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    await testDb().apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    expect(await endRevokedStreams()).toBe(0);
  });

  // scripts/serve.ts loads the lane with plain Node and tsx, outside Next's react-server
  // condition, where a "server-only" import anywhere below the route files throws at startup.
  it("loads the way scripts/serve.ts loads it", async () => {
    const script = "await import('./lib/http/ofrep-lane.ts'); console.log('loaded')";
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd() });
    expect(stdout.trim()).toBe("loaded");
  });

  it("passes on what is not an OFREP route it serves", async () => {
    const statuses = await Promise.all([
      fetch(`${lane.base}/ofrep/v1/evaluate/flags`),
      fetch(`${lane.base}/ofrep/v1/evaluate/flags/`, { method: "POST" }),
      fetch(`${lane.base}/ofrep/v1/configuration`, { method: "HEAD" }),
      fetch(`${lane.base}/ofrep/v1/unknown`),
      fetch(`${lane.base}/ofrep/v1/evaluate/flags/%E0%A4%A`, { method: "POST" }),
      fetch(`${lane.base}/api/v1/health`),
    ]).then((responses) => responses.map((response) => response.status));
    expect(statuses).toEqual([418, 418, 418, 418, 418, 418]);
  });
});

describe("the node:http adapter", () => {
  const serve = (handler: WebHandler) =>
    listen(
      (request, response) =>
        void serveWeb(request, response, handler, { url: `http://x.test${request.url}`, failure: (e) => ofrepGuarded(() => Promise.reject(e)) }),
    );

  it("answers a handler that throws like the route would, 503 and Retry-After when the database is away, and keeps serving", async () => {
    const away = createDb(`postgresql://nobody@127.0.0.1:${await freePort()}/nothing`, 1);
    const { server, base } = await serve(async (request) => {
      if (new URL(request.url).searchParams.has("bug")) throw new Error("a bug");
      await away.$queryRaw`SELECT 1`;
      return new Response("unreachable");
    });
    try {
      const unavailable = await fetch(base);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe("5");
      expect(await unavailable.json()).toMatchObject({ errorCode: "GENERAL" });
      expect((await fetch(`${base}/?bug`)).status).toBe(500);
      expect((await fetch(base)).status).toBe(503);
    } finally {
      await away.$disconnect();
      server.closeAllConnections();
      server.close();
    }
  });

  it("sends an event stream's headers at once and holds a slow reader's stream back instead of buffering it", async () => {
    const CHUNK = new Uint8Array(64 * 1024).fill(97);
    const TOTAL_CHUNKS = 512; // 32 MB
    let produced = 0;
    let quiet = true;
    const { server, base } = await serve(async () => {
      const body = new ReadableStream<Uint8Array>(
        {
          // Nothing at first: the headers must reach the client without waiting for a chunk.
          async pull(controller) {
            while (quiet) await new Promise((r) => setTimeout(r, 10));
            if (produced++ === TOTAL_CHUNKS) return controller.close();
            controller.enqueue(CHUNK);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    try {
      const response = await new Promise<import("node:http").IncomingMessage>((resolve) => get(base, resolve));
      expect(response.headers["content-type"]).toBe("text/event-stream");
      response.pause();
      quiet = false;
      // The socket fills and the server stops pulling, far short of the whole stream.
      let last = -1;
      await expect.poll(() => (produced === last ? true : ((last = produced), false)), { interval: 200, timeout: 10_000 }).toBe(true);
      expect(produced).toBeLessThan(TOTAL_CHUNKS / 2);
      let received = 0;
      response.on("data", (chunk: Buffer) => void (received += chunk.length));
      response.resume();
      await new Promise((resolve) => response.once("end", resolve));
      expect(received).toBe(TOTAL_CHUNKS * CHUNK.length);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
