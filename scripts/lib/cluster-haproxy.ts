import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PlainError } from "@/lib/plain-error";

// The load balancer of `npm run cluster`: Debian's HAProxy with a generated configuration in a
// temporary folder, in the foreground as our child.

const HAPROXY = "/usr/sbin/haproxy";

export interface Balancer {
  child: ChildProcess;
  stop(): Promise<void>;
}

// Round robin with no stickiness: any instance must serve any request, which is what the
// cluster is for. What an operator's own balancer needs as well:
// - a health check on /api/v1/health, so a stopping instance (it closes its port at once) leaves
//   the rotation, and `option redispatch` sends a connection it refuses to the other one;
// - timeouts beyond the 15-minute gate long poll: a waiting pipeline's response is silent until
//   the gate opens, and HAProxy's server/client timeouts (not only `timeout tunnel`, which covers
//   upgraded connections) would cut it; event streams send a heartbeat every 15 s anyway;
// - X-Forwarded-For set by the balancer alone (a client's own is dropped first), with
//   TRUSTED_PROXIES=1 on the instances, so sign-in throttling counts the real client.
// - a new connection to an instance per request (http-server-close): one that is stopping refuses
//   it, which is safe to send elsewhere, where a reused connection could be cut mid-request.
// The X-Switchback-Instance response header names the instance that answered; the same request
// header asks for one (when it is up): for an operator following one instance's behaviour, and
// for the tests that put two browsers on different instances.
// With no instance up (both failing their health check: the database is away), HAProxy answers
// itself: in the app's own shape, a 503 with Retry-After a pusher or pipeline backs off on.
export const NO_INSTANCE_RESPONSE = [
  "HTTP/1.1 503 Service Unavailable",
  "Content-Type: application/json",
  "Cache-Control: no-store",
  "Retry-After: 5",
  "Connection: close",
  "",
  JSON.stringify({
    error: { code: "UNAVAILABLE", message: "No Switchback instance is ready (is the database reachable?); nothing was changed. Retry in a few seconds." },
  }),
].join("\r\n");

// `noInstanceFile`: where NO_INSTANCE_RESPONSE is written.
export function haproxyConfig(publicPort: number, instancePorts: number[], noInstanceFile?: string): string {
  const servers = instancePorts.map((port, index) => `  server ${index + 1} 127.0.0.1:${port} check inter 1s fall 2 rise 1`);
  const choices = instancePorts.map((_, index) => `  use-server ${index + 1} if { req.hdr(x-switchback-instance) -m str ${index + 1} }`);
  return [
    // No maxconn: HAProxy derives it from the open-file limit (two descriptors a connection).
    "global",
    "defaults",
    "  mode http",
    ...(noInstanceFile ? [`  errorfile 503 ${noInstanceFile}`] : []),
    "  option http-server-close",
    "  option redispatch",
    "  retries 2",
    "  timeout connect 5s",
    "  timeout http-request 30s",
    "  timeout http-keep-alive 30s",
    "  timeout client 16m",
    "  timeout server 16m",
    "  timeout tunnel 16m",
    "frontend switchback",
    `  bind 127.0.0.1:${publicPort}`,
    "  http-request del-header x-forwarded-for",
    "  option forwardfor",
    "  default_backend instances",
    "backend instances",
    "  balance roundrobin",
    "  option httpchk GET /api/v1/health",
    "  http-check expect status 200",
    "  http-response set-header X-Switchback-Instance %s",
    ...choices,
    ...servers,
    "",
  ].join("\n");
}

export async function startHaproxy(publicPort: number, instancePorts: number[]): Promise<Balancer> {
  if (!existsSync(HAPROXY)) {
    throw new PlainError("HAProxy is not installed; install it with: sudo apt-get install -y --no-install-recommends haproxy");
  }
  const dir = await mkdtemp(path.join(tmpdir(), "switchback-haproxy-"));
  const file = path.join(dir, "haproxy.cfg");
  const noInstance = path.join(dir, "503.http");
  await writeFile(noInstance, NO_INSTANCE_RESPONSE);
  await writeFile(file, haproxyConfig(publicPort, instancePorts, noInstance));
  // -db: stay in the foreground as our child (stopped by our SIGTERM handler; a SIGKILL of ours
  // leaves it running).
  const child = spawn(HAPROXY, ["-db", "-f", file], { stdio: ["ignore", "inherit", "inherit"] });
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    child,
    async stop() {
      if (!exited) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          // SIGUSR1 would wait for every open event stream; the instances end those themselves.
          child.kill("SIGTERM");
        });
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
