import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

// Every request gets an id before any door answers it (scripts/serve.ts): the one a proxy or client
// sent in X-Request-Id when it is a sane token, else a new one. It goes back in the response's
// X-Request-Id, into API error bodies (error.requestId) and onto every log line written while the
// request runs, so a person's "something went wrong" leads to the log lines of that request.
//
// The context is an AsyncLocalStorage on globalThis, entered around the whole request: the fast
// lanes run inside it, and so does Next.js, whose route handlers and server actions continue the
// async chain that handle() starts. lib/errors.ts (which also runs in the browser) finds it there.

const SANE = /^[A-Za-z0-9._-]{1,64}$/;

interface RequestContext {
  requestId: string;
}

const holder = globalThis as unknown as { switchbackRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.switchbackRequestContext ??= new AsyncLocalStorage<RequestContext>());

// The id a request goes by: what it brought when that is safe to echo and log, else a fresh one.
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === "string" && SANE.test(given) ? given : randomUUID();
}

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

// Runs `serve` as the request's context; the request header is rewritten so Next's handlers read
// the same id the response and the log carry.
export function withRequestId(request: IncomingMessage, response: ServerResponse, serve: () => void): void {
  const requestId = requestIdFrom(request.headers["x-request-id"]);
  request.headers["x-request-id"] = requestId;
  response.setHeader("X-Request-Id", requestId);
  storage.run({ requestId }, serve);
}
