import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PlainError } from "@/lib/plain-error";
import { assertPortFree } from "@/lib/net";
import type { EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { buildIfNeeded } from "./lib/build";
import { assertReachable } from "./lib/database";
import { formatDemoLogins, loadDemoLogins, saveDemoLogins } from "./lib/demo-logins";
import { localAuditKey, localAuthSecret } from "./lib/secret";

// `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) and its demo shop → migrations → demo seed (once)
// → build if needed → next start → print the URL and demo logins. Ctrl-C stops the server first,
// then PostgreSQL, and waits for both.

const say = (line = "") => process.stdout.write(`${line}\n`);

let postgres: EmbeddedPostgres | undefined;
let server: ChildProcess | undefined;
let stopping = false;

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), ms);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server) {
    server.kill("SIGTERM");
    await waitForExit(server, 10_000);
  }
  if (postgres) {
    await postgres.stop();
    say("PostgreSQL stopped.");
  }
  process.exit(code);
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new PlainError(`The Next.js server exited (code ${child.exitCode}) before it was ready; see the messages above.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new PlainError("The server did not become ready within two minutes; see the messages above.");
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
  const roles = await import("@/lib/db/roles");

  let databaseUrl = env.DATABASE_URL;
  // The embedded cluster's demo target (lib/demo/shop.ts): its read-only URL, for the seed.
  let shopUrl: string | undefined;
  if (databaseUrl) {
    say("Using the PostgreSQL in DATABASE_URL.");
    await assertReachable(databaseUrl);
    const warning = await roles.superuserWarning(databaseUrl);
    if (warning) say(warning);
  } else {
    const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
    postgres = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: "switchback" });
    databaseUrl = postgres.runtimeUrl;
    say(`Embedded PostgreSQL is running on 127.0.0.1:${env.EMBEDDED_PG_PORT} with its data in ${dataDir}.`);
    // Set up as the superuser, the only use of its URL; Switchback watches the shop as its reader.
    const { ensureDemoShop, DEMO_SHOP } = await import("@/lib/demo/shop");
    // A demo extra: if it cannot be made, Switchback still starts and the demo keeps generated numbers.
    try {
      const shop = await ensureDemoShop(postgres.url, dataDir);
      shopUrl = shop.readerUrl;
      if (shop.created) say(`Created the demo database "${DEMO_SHOP.database}" (${DEMO_SHOP.users.toLocaleString("en")} users) for npm run demo:deploy.`);
    } catch (error) {
      say(`The demo database "${DEMO_SHOP.database}" could not be set up (${(error as Error).message}); the demo release keeps its generated numbers.`);
    }
  }
  // Migrations as the schema's owner; the app (and the seed) as the runtime role.
  const migrationUrl = postgres?.ownerUrl ?? env.MIGRATION_DATABASE_URL ?? databaseUrl;
  const { migrate } = await import("@/lib/db/migrate");
  const { applied } = await migrate(migrationUrl);
  if (applied.length) say(`Applied ${applied.length} migration(s): ${applied.join(", ")}.`);
  await roles.grantRuntimeRole(migrationUrl, databaseUrl);

  if (!env.DATABASE_URL || env.SEED_DEMO) {
    const { createDb } = await import("@/lib/db");
    const { seedDemo } = await import("@/prisma/seed");
    const db = createDb(databaseUrl, 2);
    const logins = await seedDemo(db, { shopUrl });
    if (logins) {
      await saveDemoLogins(dataDir, logins);
      say("Seeded the demo release and one user per role.");
    }
    await db.$disconnect();
  }

  await buildIfNeeded(say);

  const authSecret = env.AUTH_SECRET ?? (await localAuthSecret(dataDir));
  const host = env.HOSTNAME;
  server = spawn(
    process.execPath,
    // Our own `next start` (scripts/serve.ts): it passes the client's socket address to the app.
    // Its young generation is capped at 2 MB a semi-space (V8's default grows to 16): the server
    // is I/O-bound, and a burst of allocation (a thousand event streams connecting at once) would
    // otherwise grow the young generation for good, ~30 MB of resident memory that holds nothing.
    // The cost is more frequent minor collections of under a millisecond each. An operator's
    // NODE_OPTIONS that sets the size wins.
    [
      ...(/semi-space/.test(env.NODE_OPTIONS ?? "") ? [] : ["--max-semi-space-size=2"]),
      ...["--import", "tsx", "--import", "./scripts/server-only-noop.mjs", path.join("scripts", "serve.ts")],
    ],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // `next start` sets this itself; scripts/serve.ts does not, and instrumentation.ts starts
        // the background workers (checkpoints, webhooks, auto-stop) only when it is set.
        NEXT_RUNTIME: "nodejs",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: authSecret,
        AUDIT_KEY: auditKey,
        AUTH_TRUST_HOST: "true",
      },
    },
  );
  server.once("exit", (code) => {
    if (!stopping) {
      say(`The server stopped (code ${code ?? "?"}).`);
      void shutdown(code ?? 1);
    }
  });

  await waitForHealth(`http://127.0.0.1:${env.PORT}/api/v1/health`, server);
  const shownHost = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  say();
  say(`Switchback is running at http://${shownHost}:${env.PORT}`);
  const { currentAuditKey, publicKeyText } = await import("@/lib/audit/keys");
  say(`Audit checkpoints are signed with Ed25519 key ${currentAuditKey().id}; public key (SPKI, base64): ${publicKeyText(currentAuditKey())}`);
  const logins = await loadDemoLogins(dataDir);
  if (logins.length && (!env.DATABASE_URL || env.SEED_DEMO)) {
    say();
    say("Demo logins (for this embedded demo only): role, email, password");
    say(formatDemoLogins(logins));
  }
  say();
  say("Press Ctrl-C to stop.");
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  await shutdown(1);
});
