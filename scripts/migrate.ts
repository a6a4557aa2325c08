import { PlainError } from "@/lib/plain-error";

// `npm run migrate`: apply pending migrations to DATABASE_URL (what each instance also does at start).
async function main() {
  const { env } = await import("@/lib/env");
  if (!env.DATABASE_URL) throw new PlainError("Set DATABASE_URL to the PostgreSQL to migrate.");
  const { migrate } = await import("@/lib/db/migrate");
  const { applied } = await migrate(env.DATABASE_URL);
  process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : "Nothing to apply; the database is up to date.\n");
}

main().catch((error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
