import type { IncomingMessage, ServerResponse } from "node:http";
import { errorResponse } from "@/lib/http/error-response";
import { decodeSegment, LANE_HEADERS, serveWeb } from "@/lib/http/node-adapter";
import { pushHandler } from "@/lib/signals/sources/push/handler";

// The push API's fast lane in scripts/serve.ts, like the OFREP and gate lanes: a backfill or a
// poller pushes a sample at a time, and inside Next.js each request paid its per-request machinery
// on top of the push itself (measured by `npm run bench:push`). The same handler the route file
// calls answers here from node:http. Only a POST with a bearer token is taken (pushes have no
// session); anything else goes on to Next.js.

const SIGNALS = /^\/api\/v1\/releases\/([^/?]+)\/signals(?:\?|$)/;

export function pushLane(request: IncomingMessage, response: ServerResponse, origin: string): boolean {
  if (request.method !== "POST") return false;
  const segment = SIGNALS.exec(request.url ?? "")?.[1];
  const header = request.headers.authorization;
  if (segment === undefined || !header || !/^Bearer\s/i.test(header)) return false;
  const id = decodeSegment(segment);
  if (id === null) return false;
  void serveWeb(request, response, (webRequest) => pushHandler(webRequest, id), {
    url: `${origin}${request.url}`,
    extraHeaders: LANE_HEADERS,
    failure: errorResponse,
  });
  return true;
}
