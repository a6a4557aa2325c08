import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import ipaddr from "ipaddr.js";
import { log } from "@/lib/log";
import { scrape } from "@/lib/metrics/scrape";

// GET /metrics, answered by scripts/serve.ts before Next.js sees the request, so a scrape works while
// Next is busy (and cannot add to that). Who may read it: a client on this machine's loopback, by
// the socket's own address, never by X-Forwarded-For, and only when no proxy forwarded the request
// (a load balancer on the same host connects from loopback on behalf of anybody); or anyone who
// presents METRICS_TOKEN as a bearer token. Anything else gets 403, or 401 when a token would do.

const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

function fromLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress;
  if (!address || !ipaddr.isValid(address) || FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return ipaddr.process(address).range() === "loopback";
}

// Compared as digests of equal length, in constant time: the answer time says nothing of the token.
const digest = (text: string) => createHash("sha256").update(text).digest();
function presentsToken(request: IncomingMessage, token: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
  return token !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(token));
}

function refuse(response: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  const code = status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN";
  const requestId = response.getHeader("x-request-id");
  const body = JSON.stringify({ error: { code, message, ...(requestId ? { requestId: String(requestId) } : {}) } });
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...extra }).end(body);
}

// Answers the request and returns true when it is GET /metrics; false: pass it on.
export function metricsLane(request: IncomingMessage, response: ServerResponse, token: string | undefined): boolean {
  const target = request.url ?? "";
  if (request.method !== "GET" || (target !== "/metrics" && !target.startsWith("/metrics?"))) return false;
  if (!fromLoopback(request) && !presentsToken(request, token)) {
    if (token) refuse(response, 401, "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.", { "WWW-Authenticate": 'Bearer realm="metrics"' });
    else refuse(response, 403, "Metrics are served to this machine's loopback only; set METRICS_TOKEN to scrape from elsewhere.");
    return true;
  }
  scrape().then(
    ({ contentType, text }) => response.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(text),
    (error: unknown) => {
      log.error({ err: error }, "metrics: could not collect");
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" }).end("Could not collect the metrics; see the log.\n");
    },
  );
  return true;
}
