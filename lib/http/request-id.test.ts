import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushLane } from "@/lib/http/push-lane";
import { withRequestId } from "@/lib/http/request-id";

// The request id as scripts/serve.ts gives it: a real node:http server with a real fast lane behind
// withRequestId, and, for the log, a separate server process whose stdout is read like a log collector's.

let lane: { server: Server; base: string };
beforeAll(async () => {
  const server = createServer((request, response) =>
    withRequestId(request, response, () => {
      if (!pushLane(request, response, "http://switchback.test:4000")) response.writeHead(418).end("next");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  lane = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});
afterAll(() => {
  lane.server.closeAllConnections();
  lane.server.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idOf = async (headers: Record<string, string> = {}) => (await fetch(`${lane.base}/elsewhere`, { headers })).headers.get("x-request-id");
const forgedPush = (headers: Record<string, string> = {}) =>
  fetch(`${lane.base}/api/v1/releases/${randomUUID()}/signals`, {
    method: "POST",
    headers: { authorization: "Bearer sbp_forged", "content-type": "application/json", ...headers },
    body: "[]",
  });

describe("the request id", () => {
  it("echoes a sane X-Request-Id and makes a new one for none or for anything else", async () => {
    expect(await idOf({ "x-request-id": "deploy-42.step_7" })).toBe("deploy-42.step_7");
    const [first, second] = [await idOf(), await idOf()];
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    for (const insane of ["x".repeat(65), "two words", "<script>", "a/b"]) expect(await idOf({ "x-request-id": insane })).toMatch(UUID);
  });

  it("is in an API error body, the same as the response header", async () => {
    const given = await forgedPush({ "x-request-id": "ticket-1234" });
    expect(given.status).toBe(401);
    expect(given.headers.get("x-request-id")).toBe("ticket-1234");
    expect((await given.json()).error).toMatchObject({ code: "UNAUTHENTICATED", requestId: "ticket-1234" });
    const made = await forgedPush();
    expect((await made.json()).error.requestId).toBe(made.headers.get("x-request-id"));
  });

  it("finds an unexpected failure in the log by the id its error body gave", async () => {
    // A server process answering through the real adapter and error path, with a handler that
    // throws what no code expected; its stdout is the JSON log.
    const script = `
      const { createServer } = await import("node:http");
      const { withRequestId } = await import("./lib/http/request-id.ts");
      const { serveWeb } = await import("./lib/http/node-adapter.ts");
      const { errorResponse } = await import("./lib/http/error-response.ts");
      const server = createServer((request, response) => withRequestId(request, response, () =>
        void serveWeb(request, response, async () => { throw new Error("disk on fire"); }, { url: "http://x.test/", failure: errorResponse })));
      server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));`;
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: Record<string, unknown>[] = [];
    const reader = createInterface({ input: child.stdout! });
    reader.on("line", (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    try {
      await expect.poll(() => lines.find((line) => "port" in line), { timeout: 20_000 }).toBeDefined();
      const port = lines.find((line) => "port" in line)!.port as number;
      const response = await fetch(`http://127.0.0.1:${port}/anything`);
      expect(response.status).toBe(500);
      const requestId = response.headers.get("x-request-id")!;
      const { error } = (await response.json()) as { error: { code: string; message: string; requestId: string } };
      expect(error).toMatchObject({ code: "INTERNAL", requestId });
      // What a person sees names the id; the error itself is in the log only.
      expect(error.message).toContain(requestId);
      expect(error.message).not.toContain("disk on fire");
      await expect
        .poll(() => lines.find((line) => line.requestId === requestId), { timeout: 10_000 })
        .toMatchObject({
          level: "error",
          msg: "unexpected error",
          err: { message: "disk on fire" },
        });
    } finally {
      child.kill("SIGTERM");
    }
  });
});
