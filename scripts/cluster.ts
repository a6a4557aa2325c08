import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PlainError } from "@/lib/plain-error";
import { assertPortFree, freePort } from "@/lib/net";
import type { EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { openDatabase, migrateAndSeed } from "./lib/app-database";
import { spawnServer, stopServer, waitForHealth } from "./lib/app-server";
import { buildIfNeeded } from "./lib/build";
import { startHaproxy, type Balancer } from "./lib/cluster-haproxy";
import { localAuditKey, localAuthSecret } from "./lib/secret";
import { printWelcome } from "./lib/welcome";

// `npm run cluster`: what `npm start` does, but TWO app instances on loopback ports of their own
// behind HAProxy on PORT, one URL for both: to try the deployment PRODUCT.md describes (stateless
// instances, one PostgreSQL, live news through LISTEN/NOTIFY, background work on one leader), not
// for production. Ctrl-C stops the balancer, then both instances (each drains: scripts/serve.ts),
// then PostgreSQL.

const INSTANCES = 2;
const say = (line = "") => process.stdout.write(`${line}\n`);

let postgres: EmbeddedPostgres | undefined;
let balancer: Balancer | undefined;
const servers: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await balancer?.stop();
  await Promise.all(servers.map((server) => stopServer(server)));
  if (postgres) {
    await postgres.stop();
    say("PostgreSQL stopped.");
  }
  process.exit(code);
}

async function main() {
  const { env } = await import("@/lib/env");
  const dataDir = path.resolve(env.SWITCHBACK_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // Everything listens on loopback: the balancer is the one door, and only on this machine.
  const host = "127.0.0.1";
  await assertPortFree(
    env.PORT,
    host,
    `Port ${env.PORT} is already in use; stop what uses it or start on another port with PORT=${env.PORT + 1} npm run cluster.`,
  );
  const publicUrl = `http://${host}:${env.PORT}`;

  // What the instances must agree on: the audit chain's key, the session secret, and where
  // people reach them (sign-in redirects, links, the OFREP event stream URLs a bulk evaluation
  // hands out, which a consumer may open on either instance).
  const auditKey = env.AUDIT_KEY.length ? env.AUDIT_KEY.join(",") : await localAuditKey(dataDir);
  const database = await openDatabase(env, dataDir, say, (started) => (postgres = started));
  await migrateAndSeed(env, dataDir, database, say);
  await buildIfNeeded(say);
  const authSecret = env.AUTH_SECRET ?? (await localAuthSecret(dataDir));

  // Free loopback ports, picked now: nobody needs to know them but the balancer.
  const ports: number[] = [];
  while (ports.length < INSTANCES) {
    const port = await freePort();
    if (port !== env.PORT && !ports.includes(port)) ports.push(port);
  }
  for (const [index, port] of ports.entries()) {
    const n = index + 1;
    const server = spawnServer({
      port,
      hostname: host,
      databaseUrl: database.databaseUrl,
      authSecret,
      auditKey,
      nodeOptions: env.NODE_OPTIONS,
      // One proxy (the balancer) stands in front: the client is the address it forwards.
      extraEnv: { PUBLIC_URL: publicUrl, TRUSTED_PROXIES: "1" },
    });
    servers.push(server);
    // One instance going away is what the cluster is there to survive (try `kill <pid>`: it
    // drains, and the balancer sends everything to the other); the last one ends the cluster.
    server.once("exit", (code, signal) => {
      if (stopping) return;
      say(`Instance ${n} stopped (${signal ?? `code ${code ?? "?"}`}).`);
      if (servers.every((other) => other.exitCode !== null || other.signalCode !== null)) void shutdown(code || 1);
    });
  }
  await Promise.all(servers.map((server, index) => waitForHealth(`http://${host}:${ports[index]}/api/v1/health`, server, `Instance ${index + 1}`)));
  for (const [index, port] of ports.entries()) say(`Instance ${index + 1} (pid ${servers[index]!.pid}) is on ${host}:${port}.`);

  balancer = await startHaproxy(env.PORT, ports);
  balancer.child.once("exit", (code) => {
    if (stopping) return;
    say(`HAProxy stopped (code ${code ?? "?"}).`);
    void shutdown(code || 1);
  });
  await waitForHealth(`${publicUrl}/api/v1/health`, balancer.child, "HAProxy");
  say(`HAProxy balances ${publicUrl} over both (round robin, no sticky sessions); the X-Switchback-Instance header names the one that answered.`);
  await printWelcome(env, dataDir, publicUrl, say);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  await shutdown(1);
});
