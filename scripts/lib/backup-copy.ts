import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

// Copies a PostgreSQL cluster folder the way the manual's "Making a Base Backup Using the Low Level
// API" asks: without the server's runtime files and with the folders PostgreSQL rebuilds at start
// left empty. The WAL is left out here and copied after pg_backup_stop (backup-take.ts), when it
// holds everything up to the backup's end.

const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "pg_internal.init"]);
const EMPTY_DIRS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);

// A file removed while the copy runs (a dropped table, a temporary file) is expected during a
// base backup: replaying the WAL from the backup's start recreates whatever it has to.
async function copyIfPresent(from: string, to: string): Promise<void> {
  await copyFile(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

export async function copyCluster(from: string, to: string, { withWal }: { withWal: boolean }, top = true): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true }).catch(() => [])) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (SKIP_FILES.has(entry.name) || entry.name.startsWith("pgsql_tmp")) continue;
    if (entry.isDirectory()) {
      const emptied = top && EMPTY_DIRS.has(entry.name) && !(withWal && entry.name === "pg_wal");
      if (emptied) await mkdir(target, { mode: 0o700 });
      else await copyCluster(source, target, { withWal }, false);
    } else if (entry.isFile()) await copyIfPresent(source, target);
  }
}

// The WAL from the segment the backup started in to the one it ended in, and the timeline history
// files: what recovery replays to make the copy consistent. Read after pg_backup_stop, when the
// last of them is complete (pg_backup_stop switches to a new segment). Names of one timeline sort
// in WAL order.
export async function copyWal(clusterDir: string, to: string, segments: { first: string; last: string }): Promise<number> {
  const wal = path.join(clusterDir, "pg_wal");
  const needed = (await readdir(wal, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .filter((name) => name.endsWith(".history") || (/^[0-9A-F]{24}$/.test(name) && name >= segments.first && name <= segments.last));
  for (const name of needed) await copyIfPresent(path.join(wal, name), path.join(to, "pg_wal", name));
  return needed.length;
}
