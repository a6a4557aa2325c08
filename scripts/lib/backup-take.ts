import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { isAlive } from "@/lib/db/embedded-process";
import { PlainError } from "@/lib/plain-error";
import { copyCluster, copyWal } from "./backup-copy";

// One .tar.gz of a Switchback data folder: the embedded cluster (pg/) and the files beside it (its
// role passwords, the audit key, the session secret). Without the audit key a restored trail could
// not be verified, so it travels with the data.
//
// While PostgreSQL runs, the cluster is copied between pg_backup_start() and pg_backup_stop() on
// one session, as the manual's low-level API says. The embedded binaries have no pg_basebackup, so
// this is the way left. A temporary replication slot opened first keeps every WAL segment from the
// backup's start until the copy is done, even if a checkpoint happens meanwhile; the WAL is copied
// after pg_backup_stop, so it reaches the backup's end, and recovery on first start replays it.

// The system tar (GNU tar on these machines): no tar package is among the dependencies.
const run = promisify(execFile);

// The server's log is not data, and can be large.
const LEFT_OUT = new Set(["pg", "postgres.log"]);

export interface BackupResult {
  file: string;
  bytes: number;
  // false when PostgreSQL was stopped and its folder was copied as it lay.
  online: boolean;
}

interface Running {
  port: number;
}

async function runningServer(clusterDir: string): Promise<Running | null> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  // postmaster.pid's fourth line is the port the server listens on.
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { port: Number(lines[3]) } : null;
}

async function copyOnline(clusterDir: string, to: string, superuserUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const slot = `switchback_backup_${process.pid}`;
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [slot]);
    // Fast: an immediate checkpoint, so the backup starts now rather than at the next one.
    await client.query("SELECT pg_backup_start($1, true)", [`switchback ${new Date().toISOString()}`]);
    await copyCluster(clusterDir, to, { withWal: false });
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null; last: string }>(
      "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) AS last FROM pg_backup_stop(true)",
    );
    const stop = rows[0]!;
    if (stop.spcmapfile?.trim()) throw new PlainError("This cluster has tablespaces outside its folder; npm run backup copies only the data folder.");
    const first = /^START WAL LOCATION: .* \(file ([0-9A-F]{24})\)$/m.exec(stop.labelfile)?.[1];
    if (!first) throw new Error(`pg_backup_stop returned a backup label without its first WAL file: ${stop.labelfile}`);
    await writeFile(path.join(to, "backup_label"), stop.labelfile, { mode: 0o600 });
    await mkdir(path.join(to, "pg_wal", "archive_status"), { recursive: true, mode: 0o700 });
    await copyWal(clusterDir, to, { first, last: stop.last });
  } finally {
    // Ending the session also ends a backup that failed halfway, and drops the temporary slot.
    await client.end();
  }
}

export async function takeBackup({ dataDir, outFile }: { dataDir: string; outFile: string }): Promise<BackupResult> {
  const clusterDir = path.join(dataDir, "pg");
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) throw new PlainError(`${dataDir} holds no embedded PostgreSQL (no pg/PG_VERSION); nothing to back up.`);
  if (existsSync(outFile)) throw new PlainError(`${outFile} already exists; choose another name.`);
  // The archive holds every secret of the data folder (database passwords, the audit key, the session
  // secret), which are 0600 there: the archive and a folder made for it are the owner's alone too.
  await mkdir(path.dirname(outFile), { recursive: true, mode: 0o700 });
  const staging = `${outFile}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  try {
    for (const entry of await readdir(dataDir, { withFileTypes: true })) {
      if (entry.isFile() && !LEFT_OUT.has(entry.name)) await copyFile(path.join(dataDir, entry.name), path.join(staging, entry.name));
    }
    const running = await runningServer(clusterDir);
    if (running) {
      const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
      await copyOnline(clusterDir, path.join(staging, "pg"), `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`);
    } else {
      await copyCluster(clusterDir, path.join(staging, "pg"), { withWal: true });
    }
    const archive = `${outFile}.partial.tar.gz`;
    await writeFile(archive, "", { mode: 0o600 });
    await chmod(archive, 0o600);
    await run("tar", ["-czf", archive, "-C", staging, "."]);
    await rename(archive, outFile);
    return { file: outFile, bytes: (await stat(outFile)).size, online: running !== null };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${outFile}.partial.tar.gz`, { force: true });
  }
}
