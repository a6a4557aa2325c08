import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionRuntime } from "@/lib/action";
import { cookieSessionUser } from "@/lib/auth/cookie-session";
import { turnFlagOff, turnFlagOn } from "@/lib/flags/commands";
import { actionHandler } from "@/lib/http/action-handler";
import { errorResponse } from "@/lib/http/error-response";
import { decodeSegment, LANE_HEADERS, serveWeb } from "@/lib/http/node-adapter";
import { env } from "@/lib/env";

// The kill switch's fast lane in scripts/serve.ts, like the OFREP, gate and push lanes: the
// cockpit's "Turn flag off" posts to its JSON route, and a flip must reach every consumer in a few
// hundred milliseconds. Through Next.js the request first pays its per-request machinery (tens of
// milliseconds on a busy machine, measured by `npm run bench:kill-switch`); here the same route
// (app/api/v1/releases/[id]/flag/{off,on}) runs the same action config through the same wrapper
// (lib/http/action-handler.ts), with the session read from its cookie (lib/auth/cookie-session.ts).
// Only these two exact routes, POSTed, are taken; `next start` alone answers them from the route files.

const FLIP = /^\/api\/v1\/releases\/([^/?]+)\/flag\/(off|on)(?:\?|$)/;

// A flip has no `revalidate` (lib/flags/commands.ts says why): nothing for this runtime to do there.
const runtimeFor = (request: IncomingMessage, secret: string, secure: boolean): ActionRuntime => ({
  currentUser: () => cookieSessionUser(request.headers.cookie, secret, secure),
  revalidate() {},
});

const handlers = { off: turnFlagOff, on: turnFlagOn };

// next-auth names its cookie "__Secure-…" when its URL is https: AUTH_URL (or NEXTAUTH_URL) when
// set, else the request's own (createActionURL in next-auth/lib/env.js). So does this lane.
export const secureCookies = (origin: string, authUrl = env.AUTH_URL ?? env.NEXTAUTH_URL) => /^https:/i.test(authUrl ?? origin);

export function flipLane(request: IncomingMessage, response: ServerResponse, origin: string, secret: string | undefined): boolean {
  if (request.method !== "POST" || !secret) return false;
  const match = FLIP.exec(request.url ?? "");
  if (!match) return false;
  const id = decodeSegment(match[1]!);
  if (id === null) return false;
  const handle = actionHandler(handlers[match[2] as "off" | "on"], runtimeFor(request, secret, secureCookies(origin)));
  void serveWeb(request, response, (webRequest) => handle(webRequest, id), {
    url: `${origin}${request.url}`,
    extraHeaders: LANE_HEADERS,
    failure: errorResponse,
  });
  return true;
}
