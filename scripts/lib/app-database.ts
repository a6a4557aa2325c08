import type { Env } from "@/lib/env";
import type { EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { assertReachable } from "./database";
import { saveDemoLogins } from "./demo-logins";

// The database half of `npm start` and `npm run cluster`: the embedded PostgreSQL (unless
// DATABASE_URL is set), migrations and the demo seed. Split in two so the caller holds the
// embedded PostgreSQL before anything else can fail, and stops it on the way out.

type Say = (line?: string) => void;

export interface AppDatabase {
  // The app's runtime role; what the servers connect as.
  databaseUrl: string;
  // Started here, stopped by the caller; none when DATABASE_URL names a server.
  postgres?: EmbeddedPostgres;
  // The embedded cluster's demo target (lib/demo/shop.ts): its read-only URL, for the seed.
  shopUrl?: string;
}

export async function openDatabase(env: Env, dataDir: string, say: Say, onStarted: (postgres: EmbeddedPostgres) => void): Promise<AppDatabase> {
  const roles = await import("@/lib/db/roles");
  if (env.DATABASE_URL) {
    say("Using the PostgreSQL in DATABASE_URL.");
    await assertReachable(env.DATABASE_URL);
    const warning = await roles.superuserWarning(env.DATABASE_URL);
    if (warning) say(warning);
    return { databaseUrl: env.DATABASE_URL };
  }
  const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
  const postgres = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: "switchback" });
  onStarted(postgres);
  say(`Embedded PostgreSQL is running on 127.0.0.1:${env.EMBEDDED_PG_PORT} with its data in ${dataDir}.`);
  // Set up as the superuser, the only use of its URL; Switchback watches the shop as its reader.
  const { ensureDemoShop, DEMO_SHOP } = await import("@/lib/demo/shop");
  // A demo extra: if it cannot be made, Switchback still starts and the demo keeps generated numbers.
  try {
    const shop = await ensureDemoShop(postgres.url, dataDir);
    if (shop.created) say(`Created the demo database "${DEMO_SHOP.database}" (${DEMO_SHOP.users.toLocaleString("en")} users) for npm run demo:deploy.`);
    return { databaseUrl: postgres.runtimeUrl, postgres, shopUrl: shop.readerUrl };
  } catch (error) {
    say(`The demo database "${DEMO_SHOP.database}" could not be set up (${(error as Error).message}); the demo release keeps its generated numbers.`);
    return { databaseUrl: postgres.runtimeUrl, postgres };
  }
}

// Migrations as the schema's owner; the app (and the seed) as the runtime role.
export async function migrateAndSeed(env: Env, dataDir: string, database: AppDatabase, say: Say): Promise<void> {
  const { databaseUrl, postgres, shopUrl } = database;
  // Over a direct connection behind PgBouncer: the migration lock is a session's.
  const migrationUrl = postgres?.ownerUrl ?? env.MIGRATION_DATABASE_URL ?? env.DIRECT_DATABASE_URL ?? databaseUrl;
  const { migrate } = await import("@/lib/db/migrate");
  const { applied } = await migrate(migrationUrl);
  if (applied.length) say(`Applied ${applied.length} migration(s): ${applied.join(", ")}.`);
  const roles = await import("@/lib/db/roles");
  await roles.grantRuntimeRole(migrationUrl, databaseUrl);

  if (!seedsDemo(env)) return;
  const { createDb } = await import("@/lib/db");
  const { seedDemo } = await import("@/prisma/seed");
  const db = createDb(databaseUrl, 2);
  const logins = await seedDemo(db, { shopUrl });
  if (logins) {
    await saveDemoLogins(dataDir, logins);
    say("Seeded the demo release and one user per role.");
  }
  await db.$disconnect();
}

// The demo is seeded into the embedded PostgreSQL, or into DATABASE_URL's when asked to.
export const seedsDemo = (env: Env) => !env.DATABASE_URL || env.SEED_DEMO;
