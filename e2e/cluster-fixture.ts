import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "@/lib/net";
import { OWNER_ROLE, roleUrl, RUNTIME_ROLE } from "@/lib/db/roles";
import { databaseUrl } from "./fixtures";

// `npm run cluster` as the e2e tests start it: two instances behind HAProxy on free ports, on the
// e2e database (or one the test brings: ClusterOptions) and the build the suite's own server
// made. It shares that server's data folder, so all three agree on the session secret and the
// audit key (one audit chain, one database).

export interface Instance {
  n: number;
  pid: number;
  url: string;
}

export interface Cluster {
  // The balancer: the one URL.
  url: string;
  instances: Instance[];
  // What the cluster printed so far.
  output(): string;
  stop(): Promise<void>;
}

const dataDir = () => process.env.E2E_DATA_DIR!;
const secret = (file: string) => readFileSync(path.join(dataDir(), file), "utf8").trim();

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

// Where a cluster runs when not on the e2e database: a PostgreSQL of the test's own (one it
// restarts, or one where no other server competes for the leader locks), migrated by the cluster.
export interface ClusterOptions {
  databaseUrl: string;
  migrationUrl: string;
  // More variables for both instances (WEBHOOK_ALLOW_PRIVATE for a receiver on loopback).
  env?: Record<string, string>;
}

export async function startCluster(options?: ClusterOptions): Promise<Cluster> {
  const port = await freePort();
  const superUrl = databaseUrl();
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "cluster.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      SWITCHBACK_DATA_DIR: dataDir(),
      // As the suite's server runs: the app as its runtime role, migrations (none left) as the owner.
      DATABASE_URL: options?.databaseUrl ?? roleUrl(superUrl, RUNTIME_ROLE, secret("pg-app-password")),
      MIGRATION_DATABASE_URL: options?.migrationUrl ?? roleUrl(superUrl, OWNER_ROLE, secret("pg-owner-password")),
      SEED_DEMO: "",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options?.env,
    },
  });
  let output = "";
  const instances: Instance[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/^Instance (\d+) \(pid (\d+)\) is on ([\d.]+:\d+)\.$/gm)) {
        const n = Number(match[1]);
        if (!instances.some((known) => known.n === n)) instances.push({ n, pid: Number(match[2]), url: `http://${match[3]}` });
      }
      if (output.includes("Switchback is running at")) resolve();
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`npm run cluster exited (code ${code}) before it was ready:\n${output}`)));
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    instances: instances.sort((a, b) => a.n - b.n),
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}
