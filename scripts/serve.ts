import { createServer, type IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import next from "next";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { forwardedFor } from "@/lib/auth/trusted-proxies";
import { closeWhenIdle, drainServer } from "@/lib/http/drain";
import { flipLane } from "@/lib/http/flip-lane";
import { gateLane } from "@/lib/http/gate-lane";
import { metricsLane } from "@/lib/http/metrics-lane";
import { withRequestId } from "@/lib/http/request-id";
import { timeResponse } from "@/lib/metrics/http";
import { ofrepLane } from "@/lib/http/ofrep-lane";
import { pushLane } from "@/lib/http/push-lane";

// `next start`, plus one thing it cannot do: tell the app the client's socket address. Next's own
// server fills X-Forwarded-For from the socket only when the request has none (`??=` in
// next/dist/server/base-server.js), so a client talking to Next directly could name any address
// and escape the sign-in throttle. Here X-Forwarded-For always ends with the socket peer, and
// what came before it is kept only when TRUSTED_PROXIES says proxies stand in front
// (lib/auth/trusted-proxies.ts reads it back). Started by scripts/start.ts.
//
// OFREP requests take a fast lane (lib/http/ofrep-lane.ts): the same route handlers, called
// without Next.js's per-request machinery, which a flip's burst of re-fetches and a thousand idle
// event streams would otherwise pay for. So do pipelines waiting at a gate with a token
// (lib/http/gate-lane.ts), and so does the push API (lib/http/push-lane.ts), and so does the kill switch
// itself, the cockpit's flips (lib/http/flip-lane.ts). Everything else goes to Next.js.
//
// Every request first gets its request id (lib/http/request-id.ts), whichever door answers it.
// GET /metrics (lib/http/metrics-lane.ts) is answered before X-Forwarded-For is rewritten: it must
// see whether a proxy forwarded the request, and it works while Next.js is busy.

const port = env.PORT;
const hostname = env.HOSTNAME;
const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();

await app.prepare();

// The origin Next.js gives its route handlers' request.url (attachRequestMeta in
// next/dist/server/next-server.js): the configured host and port, https only when a proxy says
// so. The fast lane uses the same, so the event stream URL a bulk evaluation hands out does not
// depend on which door answered.
const originHost = `${isIPv6(hostname ?? "localhost") ? `[${hostname}]` : (hostname ?? "localhost")}:${port}`;
const originOf = (request: IncomingMessage) => `${/https/i.test(String(request.headers["x-forwarded-proto"] ?? "")) ? "https" : "http"}://${originHost}`;

const server = createServer((request, response) =>
  withRequestId(request, response, () => {
    if (metricsLane(request, response, env.METRICS_TOKEN)) return;
    const started = performance.now();
    request.headers["x-forwarded-for"] = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress, env.TRUSTED_PROXIES);
    const origin = originOf(request);
    if (
      ofrepLane(request, response, origin) ||
      gateLane(request, response, origin) ||
      pushLane(request, response, origin) ||
      flipLane(request, response, origin, env.AUTH_SECRET)
    )
      return timeResponse(request, response, started);
    void handle(request, response);
  }),
);

// SIGTERM drains (lib/http/drain.ts): no new requests, event streams end with a retry hint,
// leadership is given up at once, requests in flight finish (at most DRAIN_MS), then the
// database pool closes. Behind a load balancer nobody notices an instance going away.
const DRAIN_MS = 10_000;
closeWhenIdle(server);
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const outcome = await drainServer(server, DRAIN_MS);
  if (outcome === "cut") process.stderr.write(`Requests still running after ${DRAIN_MS / 1000} s were cut off.\n`);
  await getDb()
    .$disconnect()
    .catch(() => undefined);
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());

server.listen(port, hostname, () => {
  process.stdout.write(`Next.js server listening on ${hostname ?? "all interfaces"}:${port}\n`);
});
