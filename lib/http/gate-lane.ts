import type { IncomingMessage, ServerResponse } from "node:http";
import { tokenPrincipal } from "@/lib/api/v1/token-principal";
import { errorResponse } from "@/lib/http/error-response";
import { LANE_HEADERS, serveWeb } from "@/lib/http/node-adapter";
import { gateHandler } from "@/lib/pipelines/gate-handler";

// The gate's fast lane in scripts/serve.ts, like the OFREP one (lib/http/ofrep-lane.ts): a pipeline
// waiting at a gate holds its request open for up to 15 minutes, and inside Next.js each open
// request keeps its per-request machinery alive (measured by `npm run bench:gates`: most of what
// 200 waiting pipelines cost). The same handler the route file calls answers here from node:http.
// Only a GET with a bearer token is taken: a person's session needs Next.js's request context,
// so cookie requests (and anything else) go on to Next.js.

const GATE = /^\/api\/v1\/releases\/([^/?]+)\/gate(?:\?|$)/;

export function gateLane(request: IncomingMessage, response: ServerResponse, origin: string): boolean {
  if (request.method !== "GET") return false;
  const id = GATE.exec(request.url ?? "")?.[1];
  const header = request.headers.authorization;
  if (id === undefined || !header || !/^Bearer\s/i.test(header)) return false;
  void serveWeb(request, response, (webRequest) => gateHandler(webRequest, id, () => tokenPrincipal(header, "gate")), {
    url: `${origin}${request.url}`,
    extraHeaders: LANE_HEADERS,
    failure: errorResponse,
  });
  return true;
}
