import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { forwardedFor } from "@/lib/auth/trusted-proxies";

// `next start`, plus one thing it cannot do: tell the app the client's socket address. Next's own
// server fills X-Forwarded-For from the socket only when the request has none (`??=` in
// next/dist/server/base-server.js), so a client talking to Next directly could name any address
// and escape the sign-in throttle. Here X-Forwarded-For always ends with the socket peer, and
// what came before it is kept only when TRUSTED_PROXIES says proxies stand in front
// (lib/auth/trusted-proxies.ts reads it back). Started by scripts/start.ts.

const port = env.PORT;
const hostname = env.HOSTNAME;
const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();

await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress, env.TRUSTED_PROXIES);
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
