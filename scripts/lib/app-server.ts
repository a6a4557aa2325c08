import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PlainError } from "@/lib/plain-error";

// Starting and stopping one app server (scripts/serve.ts) as a child process, for `npm start`
// (one) and `npm run cluster` (two behind a load balancer).

export interface ServerSettings {
  port: number;
  hostname: string | undefined;
  databaseUrl: string;
  authSecret: string;
  auditKey: string;
  nodeOptions: string | undefined;
  // More variables for this server (the cluster's PUBLIC_URL and TRUSTED_PROXIES).
  extraEnv?: Record<string, string>;
}

export function spawnServer(settings: ServerSettings): ChildProcess {
  return spawn(
    process.execPath,
    // Our own `next start` (scripts/serve.ts): it passes the client's socket address to the app.
    // Its young generation is capped at 2 MB a semi-space (V8's default grows to 16): the server
    // is I/O-bound, and a burst of allocation (a thousand event streams connecting at once) would
    // otherwise grow the young generation for good, ~30 MB of resident memory that holds nothing.
    // The cost is more frequent minor collections of under a millisecond each. An operator's
    // NODE_OPTIONS that sets the size wins.
    [
      ...(/semi-space/.test(settings.nodeOptions ?? "") ? [] : ["--max-semi-space-size=2"]),
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
        PORT: String(settings.port),
        ...(settings.hostname ? { HOSTNAME: settings.hostname } : {}),
        DATABASE_URL: settings.databaseUrl,
        // The shell's direct and migration URLs belong to the shell's DATABASE_URL: with the URL
        // replaced (the embedded PostgreSQL), LISTEN and leadership must not go to another server.
        ...(settings.databaseUrl === process.env.DATABASE_URL ? {} : { DIRECT_DATABASE_URL: "", MIGRATION_DATABASE_URL: "" }),
        AUTH_SECRET: settings.authSecret,
        AUDIT_KEY: settings.auditKey,
        AUTH_TRUST_HOST: "true",
        ...settings.extraEnv,
      },
    },
  );
}

// Resolves when the child has exited; SIGKILLs it if it takes longer than `ms`.
export function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), ms);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
  });
}

// SIGTERM (the server drains: scripts/serve.ts), then wait; a server that hangs is killed.
export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child) return;
  child.kill("SIGTERM");
  await waitForExit(child, 15_000);
}

export async function waitForHealth(url: string, child: ChildProcess, what = "The Next.js server") {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new PlainError(`${what} exited (code ${child.exitCode}) before it was ready; see the messages above.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new PlainError(`${what} did not become ready within two minutes; see the messages above.`);
}
