import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkRequest, flagInOwnEnvironment } from "@/lib/flags/ofrep/test-helpers";
import { closeWhenIdle, drainServer } from "@/lib/http/drain";
import { ofrepLane } from "@/lib/http/ofrep-lane";
import { onShutdown, reconnectFrame } from "@/lib/http/shutdown";
import { startLeaderLoop } from "@/lib/live/leader";
import { createScratchDatabase } from "@/lib/testing/db";

// A SIGTERM'd server as scripts/serve.ts drains it: a real node:http server with the real OFREP
// lane and database, a real leader loop, and plain HTTP clients. An open event stream ends with a
// retry hint, a request already in flight still gets its answer, nothing new is taken, and the
// leader lock is given up so another instance's loop takes it.

const ORIGIN = "http://switchback.test:4000";
let server: Server;
let base = "";
let scratch: { url: string; drop(): Promise<void> };
// Told when an upload's request has reached the server, and when its whole body has.
const arrived: (() => void)[] = [];
const received: ((body: string) => void)[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase();
  server = createServer((request, response) => {
    if (ofrepLane(request, response, ORIGIN)) return;
    // Stands for an action: it answers only once its whole body is in.
    arrived.shift()?.();
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.shift()?.(body);
      response.writeHead(200, { "content-type": "text/plain" }).end(`done: ${body}`);
    });
  });
  closeWhenIdle(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await scratch.drop();
});

const textOf = (response: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    response.on("data", (chunk: Buffer) => (text += chunk.toString()));
    response.on("end", () => resolve(text));
    response.on("error", reject);
  });

describe("draining a server on SIGTERM", () => {
  it("ends event streams with a retry hint, finishes the request in flight, refuses new ones and gives up leadership", async () => {
    // This instance leads; "another instance" (its own session) waits for the lock.
    const lockKey = 9201;
    const mine = startLeaderLoop({
      databaseUrl: scratch.url,
      key: lockKey,
      name: "drain-mine",
      tickMs: 100,
      work: async () => undefined,
      log: () => undefined,
    });
    await expect.poll(() => mine.isLeader()).toBe(true);
    const other = startLeaderLoop({
      databaseUrl: scratch.url,
      key: lockKey,
      name: "drain-other",
      tickMs: 100,
      work: async () => undefined,
      log: () => undefined,
    });
    onShutdown("leadership", () => mine.stop());

    // An OFREP provider's open event stream.
    const { environment, secret } = await flagInOwnEnvironment();
    const web = bulkRequest(secret, environment);
    const evaluation = await fetch(`${base}/ofrep/v1/evaluate/flags`, { method: "POST", headers: web.headers, body: web.body, duplex: "half" } as RequestInit);
    const { eventStreams } = (await evaluation.json()) as { eventStreams: { url: string }[] };
    const stream = await fetch(eventStreams[0]!.url.replace(ORIGIN, base));
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamed = "";
    while (!streamed.includes("refetchEvaluation")) streamed += (await reader.read()).value ?? "";

    // An action half-way through: its request has begun, its body is not all sent yet.
    const started = new Promise<void>((resolve) => arrived.push(resolve));
    const bodyIn = new Promise<string>((resolve) => received.push(resolve));
    const upload = httpRequest(`${base}/action`, { method: "POST", headers: { "content-type": "text/plain" } });
    const answer = new Promise<IncomingMessage>((resolve) => upload.once("response", resolve));
    upload.write("first half, ");
    upload.flushHeaders();
    await started;

    const drained = drainServer(server, 10_000);

    // The stream ends, and its last words tell the provider to come back soon (elsewhere).
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      streamed += value;
    }
    expect(streamed.endsWith(reconnectFrame())).toBe(true);

    // Nothing new is taken.
    await expect(fetch(`${base}/action`, { method: "POST", body: "late" })).rejects.toThrow();

    // The action in flight still completes.
    upload.end("second half");
    expect(await bodyIn).toBe("first half, second half");
    const response = await answer;
    expect(response.statusCode).toBe(200);
    expect(await textOf(response)).toBe("done: first half, second half");

    expect(await drained).toBe("drained");
    // The lock was let go, not kept until this process ends: the other instance leads now.
    expect(mine.isLeader()).toBe(false);
    await expect.poll(() => other.isLeader()).toBe(true);
    await other.stop();
  });
});
