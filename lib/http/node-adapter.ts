import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

// Serves a web-standard handler ((Request) => Response, the shape of a Next.js route handler)
// straight from node:http, for the few routes whose per-request cost inside Next.js matters
// (scripts/serve.ts: the OFREP fast lane). What a route handler relies on from Next, and no more:
// the method, headers and body as a Request, a signal that aborts when the client goes away, and
// the Response's status, headers and body written back, an event stream chunk by chunk.

export type WebHandler = (request: Request) => Promise<Response>;

// Next.js's headers() config puts these on every response (next.config.ts); so does every fast lane.
export const LANE_HEADERS: [string, string][] = STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]);

// A path segment as a route handler would get it; null for malformed escapes, which a lane leaves
// to Next.js to answer.
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// `url`: the absolute URL the handler should see (request.url); the caller decides the origin.
export function toWebRequest(request: IncomingMessage, url: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 pseudo-headers are not headers to a Request; undefined: a header set to nothing.
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    // The body streams in as the handler reads it, so its own size limit (read-body.ts) holds.
    ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

const isEventStream = (answer: Response) => answer.headers.get("content-type")?.toLowerCase().startsWith("text/event-stream") ?? false;

// Resolves once the socket can take more, or the client left (then the caller stops writing).
const drained = (response: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });

// Writes a Response to the client. An event stream is flushed at once and relayed chunk by chunk
// as the handler enqueues them, waiting for the socket when it is full (a slow reader holds the
// handler back instead of growing a queue here). Anything else is small JSON here: read whole and sent
// in one write with its Content-Length.
export async function sendWebResponse(response: ServerResponse, answer: Response, extraHeaders: Iterable<[string, string]> = []): Promise<void> {
  // Gone while the handler worked: release what the body holds (an event stream's registration).
  if (response.destroyed) return void (await answer.body?.cancel().catch(() => undefined));
  response.statusCode = answer.status;
  for (const [name, value] of extraHeaders) response.setHeader(name, value);
  for (const [name, value] of answer.headers) if (name !== "set-cookie") response.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) response.setHeader("set-cookie", cookies);
  if (!answer.body) return void response.end();
  if (!isEventStream(answer)) {
    const bytes = Buffer.from(await answer.arrayBuffer());
    response.setHeader("content-length", bytes.byteLength);
    return void response.end(bytes);
  }
  response.flushHeaders();
  const reader = answer.body.getReader();
  // The client left: cancelling the body runs the handler's own cleanup (its stream's cancel()).
  const cancel = () => void reader.cancel().catch(() => undefined);
  response.once("close", cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || response.destroyed) break;
      if (!response.write(value)) await drained(response);
    }
    if (!response.destroyed) response.end();
  } finally {
    response.off("close", cancel);
    if (response.destroyed) cancel();
  }
}

// One request through a handler. Never rejects: a handler that throws, or a client that vanishes
// mid-answer, must not take the server down. `failure` turns a throw before anything was sent into
// an answer (and logs it as the caller sees fit).
export async function serveWeb(
  request: IncomingMessage,
  response: ServerResponse,
  handler: WebHandler,
  options: { url: string; extraHeaders?: Iterable<[string, string]>; failure: (error: unknown) => Response | Promise<Response> },
): Promise<void> {
  const aborter = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) aborter.abort();
  });
  try {
    let answer: Response;
    try {
      answer = await handler(toWebRequest(request, options.url, aborter.signal));
    } catch (error) {
      answer = await options.failure(error);
    }
    await sendWebResponse(response, answer, options.extraHeaders);
  } catch (error) {
    // Mid-answer (the socket broke, the body's stream errored): nothing sensible can be sent now.
    if (!response.headersSent) console.error("fast lane: could not answer", error);
    response.destroy();
  }
}
