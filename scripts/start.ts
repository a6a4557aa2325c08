import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PlainError } from "@/lib/plain-error";
import { assertPortFree } from "@/lib/net";
import type { EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { openDatabase, migrateAndSeed } from "./lib/app-database";
import { spawnServer, stopServer, waitForHealth } from "./lib/app-server";
import { buildIfNeeded } from "./lib/build";
import { localAuditKey, localAuthSecret } from "./lib/secret";
import { printWelcome, shownHost } from "./lib/welcome";

// `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) and its demo shop → migrations → demo seed (once)
// → build if needed → next start → print the URL and demo logins. Ctrl-C stops the server first,
// then PostgreSQL, and waits for both.

const say = (line = "") => process.stdout.write(`${line}\n`);

let postgres: EmbeddedPostgres | undefined;
let server: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopServer(server);
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

  await assertPortFree(
    env.PORT,
    env.HOSTNAME,
    `Port ${env.PORT} is already in use; stop what uses it or start on another port with PORT=${env.PORT + 1} npm start.`,
  );

  // Before anything is audited (the seed): the key the chain and its checkpoints are made with.
  const auditKey = env.AUDIT_KEY.length ? env.AUDIT_KEY.join(",") : await localAuditKey(dataDir);
  const database = await openDatabase(env, dataDir, say, (started) => (postgres = started));
  await migrateAndSeed(env, dataDir, database, say);

  await buildIfNeeded(say);

  const authSecret = env.AUTH_SECRET ?? (await localAuthSecret(dataDir));
  server = spawnServer({
    port: env.PORT,
    hostname: env.HOSTNAME,
    databaseUrl: database.databaseUrl,
    authSecret,
    auditKey,
    nodeOptions: env.NODE_OPTIONS,
  });
  server.once("exit", (code) => {
    if (!stopping) {
      say(`The server stopped (code ${code ?? "?"}).`);
      void shutdown(code ?? 1);
    }
  });

  await waitForHealth(`http://127.0.0.1:${env.PORT}/api/v1/health`, server);
  await printWelcome(env, dataDir, `http://${shownHost(env.HOSTNAME)}:${env.PORT}`, say);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  await shutdown(1);
});
