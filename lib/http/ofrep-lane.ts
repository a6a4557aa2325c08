import type { IncomingMessage, ServerResponse } from "node:http";
import { configuration } from "@/lib/flags/ofrep/configuration";
import { preflight } from "@/lib/flags/ofrep/cors";
import { eventStream } from "@/lib/flags/ofrep/events-route";
import type { OfrepAnswer, OfrepAsk } from "@/lib/flags/ofrep/exchange";
import { answerAll, answerOne } from "@/lib/flags/ofrep/routes";
import { ofrepAnswerGuarded, ofrepGuarded } from "@/lib/flags/ofrep/unavailable";
import { decodeSegment, LANE_HEADERS, serveWeb } from "@/lib/http/node-adapter";
import { nodeAsk, sendAnswer } from "@/lib/http/node-answer";

// The OFREP fast lane of scripts/serve.ts: OFREP requests answered by the very handlers the route
// files of app/ofrep/v1/** call, from node:http instead of through Next.js. After a flip every connected
// provider re-fetches at once, and Next's few milliseconds per request queue them up; each idle
// event stream also holds far more memory inside Next than a bare socket does. One handler, two
// doors: `next start` alone still serves these routes from the same files. The evaluations skip
// even the web Request and Response here: they are answered as data (lib/flags/ofrep/exchange.ts).
//
// The two doors share one state: every cache these handlers keep (database client and pool, LISTEN
// connection, flag cache, open streams, token cache, consumer memory) lives on globalThis, so this
// process's copy of the modules and the copies inside Next's bundles find the same objects.
//
// Only exact routes and methods are taken; anything else (HEAD, a trailing slash, an unknown
// path, a method a route lacks) goes on to Next.js, which answers it as before (405, 404, 308).

type Handler = (request: Request) => Response | Promise<Response>;
// An evaluation: answered as data, from node:http's request straight to the socket (exchange.ts says why).
type Evaluation = (ask: OfrepAsk) => Promise<OfrepAnswer>;
type Route = Partial<Record<"GET" | "OPTIONS", Handler>> & { POST?: Evaluation };

const PREFIX = "/ofrep/v1/";
const KEYED = /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)$/;

// Each as its route file has it (app/ofrep/v1/**/route.ts): the same handler behind its OFREP guard.
const ROUTES: Record<string, Route> = {
  "/ofrep/v1/configuration": { GET: configuration, OPTIONS: preflight },
  "/ofrep/v1/evaluate/flags": { POST: answerAll, OPTIONS: preflight },
  "/ofrep/v1/events": { GET: (request) => ofrepGuarded(() => eventStream(request)), OPTIONS: preflight },
};

function keyedRoute(pathname: string): Route | null {
  const segment = KEYED.exec(pathname)?.[1];
  if (segment === undefined) return null;
  const key = decodeSegment(segment);
  if (key === null) return null;
  return { POST: (ask) => answerOne(ask, key), OPTIONS: preflight };
}

// Answers the request and returns true when it is one of the OFREP routes; false: pass it on.
// `origin`: the scheme, host and port the handlers see in request.url (the event stream's URL is
// built from it), chosen by the server the way Next.js chooses it, so both doors hand out one URL.
export function ofrepLane(request: IncomingMessage, response: ServerResponse, origin: string): boolean {
  const target = request.url ?? "";
  if (!target.startsWith(PREFIX)) return false;
  const query = target.indexOf("?");
  const pathname = query === -1 ? target : target.slice(0, query);
  const route = ROUTES[pathname] ?? keyedRoute(pathname);
  const url = `${origin}${target}`;
  if (request.method === "POST" && route?.POST) {
    const evaluation = route.POST;
    void ofrepAnswerGuarded(() => evaluation(nodeAsk(request, url)))
      .then((answer) => sendAnswer(response, answer, LANE_HEADERS))
      .catch(() => response.destroy()); // the socket broke mid-answer: nothing sensible can be sent now
    return true;
  }
  const handler = route?.[request.method as "GET" | "OPTIONS"];
  if (!handler) return false;
  void serveWeb(request, response, async (webRequest) => handler(webRequest), {
    url,
    extraHeaders: LANE_HEADERS,
    // The handlers answer their own failures (ofrepGuarded); this covers a throw outside them.
    failure: (error) => ofrepGuarded(() => Promise.reject(error)),
  });
  return true;
}
