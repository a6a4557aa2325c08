import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isAlive } from "@/lib/db/embedded-process";
import { freePort } from "@/lib/net";
import { createScratchDatabase } from "@/lib/testing/db";

// A real unleash-server on loopback with its own fresh database, for integration tests. It is a
// test peer, not an app dependency: installed on demand into the ignored .peers folder.

const VERSION = "8.2.0";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PEERS_DIR = path.resolve(HERE, "../../.peers");
const PACKAGE_JSON = path.join(PEERS_DIR, "node_modules", "unleash-server", "package.json");
const INSTALL_LOCK = path.join(PEERS_DIR, "install.lock");
const INSTALL_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function installed(): boolean {
  return existsSync(PACKAGE_JSON) && (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version?: string }).version === VERSION;
}

function npmInstall(): Promise<void> {
  const args = ["install", "--prefix", PEERS_DIR, `unleash-server@${VERSION}`, "--no-audit", "--no-fund"];
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn("npm", args, { stdio: ["ignore", "pipe", "pipe"], timeout: INSTALL_TIMEOUT_MS });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => reject(new Error(`Could not run \`npm ${args.join(" ")}\`: ${error.message}`)));
    child.on("close", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`\`npm ${args.join(" ")}\` failed (${signal ?? `exit ${code}`}): ${output.slice(-2000)}`)),
    );
  });
}

// Test files run in parallel workers: one installs while the others wait for its lock to go.
async function ensureInstalled(): Promise<void> {
  await mkdir(PEERS_DIR, { recursive: true });
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  while (!installed()) {
    if (Date.now() > deadline) throw new Error(`unleash-server ${VERSION} was not installed into ${PEERS_DIR} within 5 minutes.`);
    const lock = await open(INSTALL_LOCK, "wx").catch(() => null);
    if (!lock) {
      const holder = Number(await readFile(INSTALL_LOCK, "utf8").catch(() => ""));
      // An install killed half-way leaves its lock behind; a lock being written has no pid yet.
      if (holder > 0 && !isAlive(holder)) await rm(INSTALL_LOCK, { force: true });
      await sleep(500);
      continue;
    }
    try {
      await lock.writeFile(String(process.pid));
      await lock.close();
      if (!installed()) await npmInstall();
    } finally {
      await rm(INSTALL_LOCK, { force: true });
    }
  }
}

export interface UnleashPeer {
  url: string;
  adminToken: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

// `adminUrl` names the cluster for its database when not running under vitest (the bench).
export async function startUnleash(adminUrl?: string): Promise<UnleashPeer> {
  await ensureInstalled();
  const database = await createScratchDatabase(adminUrl);
  const port = await freePort();
  const adminToken = `*:*.${randomBytes(24).toString("hex")}`;
  const child = spawn(process.execPath, [path.join(HERE, "unleash-server.mjs")], {
    env: {
      ...process.env,
      UNLEASH_PEERS_DIR: PEERS_DIR,
      UNLEASH_DATABASE_URL: database.url,
      UNLEASH_PORT: String(port),
      UNLEASH_ADMIN_TOKEN: adminToken,
      SEND_TELEMETRY: "false",
    },
    // The IPC channel lets the server exit by itself if this test process dies without stopping it.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(force);
      }
      await database.drop();
    })());

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`unleash-server exited while starting (${child.signalCode ?? `exit ${child.exitCode}`}): ${output.slice(-2000)}`);
    }
    const ready = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, adminToken, databaseUrl: database.url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`unleash-server did not answer GET /health with 200 within ${READY_TIMEOUT_MS / 1000} s: ${output.slice(-2000)}`);
}
