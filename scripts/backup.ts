import path from "node:path";
import { parseArgs } from "node:util";
import { PlainError } from "@/lib/plain-error";
import { takeBackup } from "./lib/backup-take";

// `npm run backup [-- --to <folder>]`: one .tar.gz of the embedded PostgreSQL and the secrets
// beside it (audit key, passwords), taken while Switchback runs. Default folder: ./backups.

async function main() {
  const { values } = parseArgs({ options: { to: { type: "string", default: "backups" } } });
  const { env } = await import("@/lib/env");
  if (env.DATABASE_URL) {
    throw new PlainError(
      "DATABASE_URL names your own PostgreSQL: back it up with that server's tools (pg_dump or pg_basebackup), and keep AUDIT_KEY with it. npm run backup covers the embedded one.",
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outFile = path.resolve(values.to!, `switchback-${stamp}.tar.gz`);
  const { file, bytes, online } = await takeBackup({ dataDir: path.resolve(env.SWITCHBACK_DATA_DIR), outFile });
  const size = new Intl.NumberFormat("en", { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / 1_000_000);
  process.stdout.write(`Backed up ${online ? "the running" : "the stopped"} embedded PostgreSQL to ${file} (${size}).\n`);
  process.stdout.write(`It holds the audit key and database passwords: keep it as safe as the data folder itself.\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
