import { createServer, type IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import next from "next";
import { env } from "@/lib/env";
import { forwardedFor } from "@/lib/auth/trusted-proxies";
import { gateLane } from "@/lib/http/gate-lane";
import { ofrepLane } from "@/lib/http/ofrep-lane";

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
// (lib/http/gate-lane.ts). Everything else goes to Next.js.

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
const originOf = (request: IncomingMessage) => `${String(request.headers["x-forwarded-proto"] ?? "").includes("https") ? "https" : "http"}://${originHost}`;

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress, env.TRUSTED_PROXIES);
  if (ofrepLane(request, response, originOf(request)) || gateLane(request, response, originOf(request))) return;
  void handle(request, response);
});

// Like `next start`: stop taking requests, let open ones (SSE streams included) end, then exit.
function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 2_000).unref();
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

server.listen(port, hostname, () => {
  process.stdout.write(`Next.js server listening on ${hostname ?? "all interfaces"}:${port}\n`);
});
