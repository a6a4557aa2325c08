import path from "node:path";
import { parseArgs } from "node:util";
import { PlainError } from "@/lib/plain-error";
import { restoreBackup } from "./lib/backup-restore";

// `npm run restore -- <backup.tar.gz> [--to <new data folder>]`: unpacks a backup from
// `npm run backup` into a data folder that must be new or empty (default SWITCHBACK_DATA_DIR);
// `npm start` on that folder then recovers the database and carries on.

async function main() {
  const { values, positionals } = parseArgs({ options: { to: { type: "string" } }, allowPositionals: true });
  const [archive] = positionals;
  if (!archive) throw new PlainError("Name the backup to restore: npm run restore -- backups/switchback-<time>.tar.gz [--to <new data folder>]");
  const { env } = await import("@/lib/env");
  const dataDir = path.resolve(values.to ?? env.SWITCHBACK_DATA_DIR);
  await restoreBackup({ archive: path.resolve(archive), dataDir });
  const start = values.to ? `SWITCHBACK_DATA_DIR=${values.to} npm start` : "npm start";
  process.stdout.write(`Restored ${archive} into ${dataDir}. Start Switchback on it with: ${start}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
