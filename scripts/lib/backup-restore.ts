import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { runAsIds } from "@/lib/db/embedded-postgres";
import { PlainError } from "@/lib/plain-error";

// Unpacks a backup from backup-take.ts into a data folder that has nothing in it yet. The next
// start of the embedded PostgreSQL on that folder finds backup_label, replays the WAL that came
// with the backup, and opens the database as it was when pg_backup_stop() returned.

const run = promisify(execFile);

export async function restoreBackup({ archive, dataDir }: { archive: string; dataDir: string }): Promise<void> {
  if (!existsSync(archive)) throw new PlainError(`There is no backup at ${archive}.`);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new PlainError(`${dataDir} is not empty; restore into a new folder (npm run restore -- ${archive} --to <new folder>) so nothing is overwritten.`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  try {
    await run("tar", ["-xzf", archive, "-C", dataDir, "--no-same-owner"]);
    const clusterDir = path.join(dataDir, "pg");
    if (!existsSync(path.join(clusterDir, "PG_VERSION"))) throw new PlainError(`${archive} is not a Switchback backup: it holds no pg/PG_VERSION.`);
    // PostgreSQL refuses a data folder others can read, and runs as `postgres` when we are root.
    await chmod(clusterDir, 0o700);
    const { uid, gid } = runAsIds();
    if (uid !== undefined && gid !== undefined) await run("chown", ["-R", `${uid}:${gid}`, clusterDir]);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
