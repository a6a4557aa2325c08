import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "@/lib/metrics/registry";

// Request latency by route pattern: what an id or a flag key stands in a path is replaced by its
// name, so there is one series per route, not one per release. Only the fast lanes and the API
// route wrappers (lib/route.ts) are timed; they answer known routes only, so the patterns are few.

// The segment after these names a record; its value, whatever its shape, is not part of the route
// (a gate request with a made-up id must not make a series of its own).
const PARAMETER_AFTER = new Map([
  ["releases", "[id]"],
  ["stages", "[stage]"],
]);
const FLAG_KEY = /^(\/ofrep\/v1\/evaluate\/flags\/)[^/]+$/;

export function routePattern(url: string): string {
  const query = url.indexOf("?");
  const path = (query === -1 ? url : url.slice(0, query)).replace(FLAG_KEY, "$1[key]");
  const segments = path.split("/");
  return segments.map((segment, index) => (index > 0 && segment && PARAMETER_AFTER.get(segments[index - 1]!)) || segment).join("/");
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

export function observeRequest(url: string, status: number, seconds: number): void {
  metrics.httpDuration.observe({ route: routePattern(url), status_class: statusClass(status) }, seconds);
}

// For a fast lane's request: timed to the end of its answer. An event stream lasts as long as its
// client stays; its length says nothing about latency, so it is left out (the stream gauges count it).
export function timeResponse(request: IncomingMessage, response: ServerResponse, started: number): void {
  response.once("close", () => {
    if (String(response.getHeader("content-type") ?? "").startsWith("text/event-stream")) return;
    observeRequest(request.url ?? "", response.statusCode, (performance.now() - started) / 1000);
  });
}

// For a route handler inside Next.js: timed until its Response is made (a body streamed after that is not).
export async function timed(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const response = await handle();
  observeRequest(new URL(request.url).pathname, response.status, (performance.now() - started) / 1000);
  return response;
}
