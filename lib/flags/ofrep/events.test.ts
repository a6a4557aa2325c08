import { describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/ofrep/v1/evaluate/flags/route";
import * as eventsRoute from "@/app/ofrep/v1/events/route";
import { applyCommitted } from "@/lib/flags/ofrep/flag-cache";
import { endRevokedStreams } from "@/lib/flags/ofrep/streams";
import { bulkRequest, flagInOwnEnvironment, flip } from "@/lib/flags/ofrep/test-helpers";
import { testDb } from "@/lib/testing/db";

// The OFREP event stream (ADR-0008) as a provider uses it: the URL from a bulk evaluation, then
// `refetchEvaluation` events whose id is the etag of what the token can see.

async function streamUrl(secret: string, environment: string) {
  const body = (await (await bulkRoute.POST(bulkRequest(secret, environment))).json()) as { eventStreams: { url: string }[] };
  return body.eventStreams[0]!.url;
}

// Reads SSE events (comments and retry skipped) as they arrive.
function reader(response: Response) {
  const source = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return async function next(): Promise<{ id: string; data: { type: string; etag: string } }> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (data) return { id: frame.match(/^id: (.*)$/m)![1]!, data: JSON.parse(data) as { type: string; etag: string } };
        continue;
      }
      const { value, done } = await source.read();
      if (done) throw new Error("the stream ended");
      buffer += value;
    }
  };
}

function open(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = eventsRoute.GET(new Request(url, { headers, signal: controller.signal }));
  return { response, close: () => controller.abort() };
}

describe("the OFREP event stream", () => {
  it("tells a consumer to refetch when a flag it can see changes, and replays a change missed while away", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const url = await streamUrl(secret, environment);
    const first = open(url);
    const response = await first.response;
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const next = reader(response);
    // A first connection is told the current state once: it may have changed since its evaluation.
    const hello = await next();
    expect(hello.data).toEqual({ type: "refetchEvaluation", etag: hello.id });

    await flip(key, environment, false);
    const change = await next();
    expect(change.data.type).toBe("refetchEvaluation");
    expect(change.id).not.toBe(hello.id);
    first.close();

    // A flip while it was away: reconnecting with the etag it last saw, it is told at once.
    await flip(key, environment, true);
    const again = open(url, { "Last-Event-ID": change.id });
    const missed = await reader(await again.response)();
    expect(missed.id).not.toBe(change.id);
    again.close();

    // Up to date: nothing is sent until the next change.
    const current = open(url, { "Last-Event-ID": missed.id });
    const quiet = reader(await current.response);
    await flip(key, environment, false);
    expect((await quiet()).id).not.toBe(missed.id);
    current.close();
  });

  it("refuses a missing, forged or revoked ticket with 401", async () => {
    const { environment, secret, tokenId } = await flagInOwnEnvironment();
    const url = new URL(await streamUrl(secret, environment));
    const ticket = url.searchParams.get("ticket")!;
    const status = async (value: string | null) => {
      const target = new URL(url);
      if (value === null) target.searchParams.delete("ticket");
      else target.searchParams.set("ticket", value);
      return (await eventsRoute.GET(new Request(target))).status;
    };
    expect(await status(null)).toBe(401);
    expect(await status("garbage")).toBe(401);
    const [body, signature] = ticket.split(".");
    const otherEnvironment = Buffer.from(Buffer.from(body!, "base64url").toString().replace(environment, "production")).toString("base64url");
    expect(await status(`${otherEnvironment}.${signature}`)).toBe(401);
    expect(await status(`${body}.${signature!.slice(1)}x`)).toBe(401);

    await testDb().apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    const refused = await eventsRoute.GET(new Request(url));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("an open event stream", () => {
  it("tells this instance's streams of a flip it committed at once, without waiting for the flags NOTIFY", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const stream = open(await streamUrl(secret, environment));
    const next = reader(await stream.response);
    const hello = await next();
    // What a flip's afterCommit hands over, before (here: without) the trigger's notification.
    const { version } = await testDb().flag.findUniqueOrThrow({ where: { key_environment: { key, environment } } });
    applyCommitted({ key, environment, enabled: false, version: version + 1, deleted: false });
    const change = await next();
    expect(change.data.type).toBe("refetchEvaluation");
    expect(change.id).not.toBe(hello.id);
    stream.close();
  });

  it("outlives its ticket but ends once its token is revoked", async () => {
    const { environment, secret, tokenId } = await flagInOwnEnvironment();
    const stream = open(await streamUrl(secret, environment));
    const next = reader(await stream.response);
    await next();
    expect(await endRevokedStreams()).toBe(0);
    await testDb().apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    expect(await endRevokedStreams()).toBeGreaterThanOrEqual(1);
    await expect(next()).rejects.toThrow("the stream ended");
  });
});

describe("CORS on OFREP", () => {
  it("lets pages on other origins evaluate with a bearer token and read the ETag", async () => {
    const preflight = bulkRoute.OPTIONS();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    const allowed = preflight.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
    for (const header of ["authorization", "x-api-key", "content-type", "if-none-match", "last-event-id", "x-switchback-consumer"])
      expect(allowed).toContain(header);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

    const { environment, secret } = await flagInOwnEnvironment();
    const answer = await bulkRoute.POST(bulkRequest(secret, environment, { origin: "https://shop.example" }));
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-expose-headers")).toMatch(/ETag/i);
    expect((await bulkRoute.POST(bulkRequest("sbr_wrong", environment))).headers.get("access-control-allow-origin")).toBe("*");
  });
});
