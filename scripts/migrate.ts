import { PlainError } from "@/lib/plain-error";

// `npm run migrate`: apply pending migrations to DATABASE_URL (what each instance also does at start).
async function main() {
  const { env } = await import("@/lib/env");
  if (!env.DATABASE_URL) throw new PlainError("Set DATABASE_URL to the PostgreSQL to migrate.");
  const { migrate } = await import("@/lib/db/migrate");
  const { grantRuntimeRole } = await import("@/lib/db/roles");
  // As the schema's owner when MIGRATION_DATABASE_URL names it, else over the direct connection
  // (the migration lock is a session's, which PgBouncer's transaction pooling does not keep); then
  // DATABASE_URL's role gets its grants.
  const owner = env.MIGRATION_DATABASE_URL ?? env.DIRECT_DATABASE_URL ?? env.DATABASE_URL;
  const { applied } = await migrate(owner);
  await grantRuntimeRole(owner, env.DATABASE_URL);
  process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : "Nothing to apply; the database is up to date.\n");
}

main().catch((error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
