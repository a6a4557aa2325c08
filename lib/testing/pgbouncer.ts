import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { runAsIds } from "@/lib/db/embedded-postgres";
import { freePort } from "@/lib/net";

// A real PgBouncer (Debian's) on loopback in front of a test PostgreSQL, in transaction pooling
// mode: each transaction (or lone statement) gets whichever server connection is free, so nothing
// a session remembers (LISTEN, session advisory locks, SET) survives from one to the next.

const BINARY = "/usr/sbin/pgbouncer";
const READY_TIMEOUT_MS = 15_000;

export interface PgBouncer {
  // The same database and role as the upstream URL, through the pooler.
  url: string;
  stop(): Promise<void>;
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

export async function startPgBouncer(upstreamUrl: string, options: { poolSize?: number } = {}): Promise<PgBouncer> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing; install it with: apt-get install -y --no-install-recommends pgbouncer`);
  const upstream = new URL(upstreamUrl);
  const [user, password, database] = [decodeURIComponent(upstream.username), decodeURIComponent(upstream.password), upstream.pathname.slice(1)];
  const dir = await mkdtemp(path.join(tmpdir(), "switchback-pgbouncer-"));
  const port = await freePort();
  const log = path.join(dir, "pgbouncer.log");
  const config = [
    "[databases]",
    `${database} = host=${upstream.hostname} port=${upstream.port || 5432} dbname=${database}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${path.join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${options.poolSize ?? 4}`,
    "max_client_conn = 500",
    // node-postgres sends none of these by default; a client that does is not refused for it.
    "ignore_startup_parameters = extra_float_digits,options",
    `logfile = ${log}`,
  ].join("\n");
  await writeFile(path.join(dir, "pgbouncer.ini"), `${config}\n`);
  // The plain password lets PgBouncer answer the client's SCRAM exchange and log in upstream itself.
  await writeFile(path.join(dir, "userlist.txt"), `${quote(user)} ${quote(password)}\n`, { mode: 0o600 });
  // PgBouncer refuses to run as root: as root it runs as PostgreSQL's own user, as the embedded server does.
  const ids = runAsIds();
  if (ids.uid !== undefined && ids.gid !== undefined) {
    await chmod(dir, 0o700);
    for (const file of [dir, path.join(dir, "pgbouncer.ini"), path.join(dir, "userlist.txt")]) await chown(file, ids.uid, ids.gid);
  }
  const child = spawn(BINARY, [path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "pipe"], uid: ids.uid, gid: ids.gid });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT"); // PgBouncer's immediate shutdown
      const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(force);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const logged = await readFile(log, "utf8").catch(() => "");
      await stop();
      throw new Error(`PgBouncer did not start: ${output}${logged}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = new URL(upstreamUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { url: url.toString(), stop };
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
