import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { startSession } from "@/lib/auth/sessions";
import { createDb, type Db } from "@/lib/db";
import { freePort } from "@/lib/net";
import { storeToken } from "@/lib/tokens/tokens";

// A whole Switchback for a benchmark: `npm start`'s own script with a fresh data folder and free
// ports, plus a database client and a way to act as any user.

export interface BenchServer {
  baseUrl: string;
  // Each app instance's own address: one for `npm start`, two behind `npm run cluster`'s balancer.
  instances: string[];
  db: Db;
  databaseUrl: string;
  sessionCookie(user: { id: string; name: string; email: string; role: string }): Promise<string>;
  stop(): Promise<void>;
}

// `script`: scripts/start.ts (one instance) or scripts/cluster.ts (two behind HAProxy on `baseUrl`).
export async function startBenchServer(script = "scripts/start.ts"): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-bench-"));
  const [port, pgPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, DATABASE_URL: "", PORT: String(port), HOSTNAME: "127.0.0.1", EMBEDDED_PG_PORT: String(pgPort), SWITCHBACK_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const output = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Press Ctrl-C to stop.")) resolve(output);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  // The cluster names its instances ("Instance 1 (pid 123) is on 127.0.0.1:40123.").
  const instances = [...output.matchAll(/Instance \d+ \(pid \d+\) is on ([\d.]+:\d+)\./g)].map((m) => `http://${m[1]}`);
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  const secret = (await readFile(path.join(dataDir, "auth-secret"), "utf8")).trim();
  const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/switchback`;
  const db = createDb(databaseUrl, 20);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    instances: instances.length ? instances : [`http://127.0.0.1:${port}`],
    db,
    databaseUrl,
    async sessionCookie(user) {
      const salt = "authjs.session-token";
      // A cookie stands for a server-side session row (signing out anywhere ends it everywhere).
      const sid = await startSession(db, user.id);
      const token = await encode({ token: { sub: user.id, sid, name: user.name, email: user.email, role: user.role }, secret, salt, maxAge: 3600 });
      return `${salt}=${token}`;
    },
    async stop() {
      await db.$disconnect();
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// The admin a benchmark signs in as.
export function createBenchAdmin(db: Db) {
  return db.user.create({
    data: { email: "bench@bench.test", name: "Bench", role: "ADMIN" },
    select: { id: true, name: true, email: true, role: true },
  });
}

// A deploying release with one pushed signal (error_rate), and a push token for it.
export async function createPushRelease(db: Db, createdById: string) {
  const release = await db.release.create({
    data: { title: "Bench", status: "IN_PROGRESS", signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } } },
    select: { id: true },
  });
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "SIGNAL_PUSH", name: "bench", releaseId: release.id, createdById }));
  return { release, secret };
}
