import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { freePort } from "@/lib/net";

// A PostgreSQL of one test's own for a cluster: the e2e database is shared with the suite's
// server, which would compete for the leader locks, and with the specs running beside this one,
// which a restart would disturb. The cluster migrates it (MIGRATION_DATABASE_URL) as it starts.

export interface OwnDatabase {
  // The app's runtime role, as the instances connect; the owner's, for migrations.
  runtimeUrl: string;
  ownerUrl: string;
  // The superuser's client: the test's setup, and reading every session in pg_stat_activity.
  db(): Db;
  // Stops PostgreSQL (fast shutdown: every session is cut), runs `whileDown`, and starts it again
  // on the same port and data folder: an operator's restart or a managed database's failover, as
  // the app sees it.
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnDatabase(): Promise<OwnDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-cluster-pg-"));
  const port = await freePort();
  const start = () => startEmbeddedPostgres({ dataDir, port, database: "switchback" });
  let postgres: EmbeddedPostgres = await start();
  let client: Db | undefined;
  return {
    runtimeUrl: postgres.runtimeUrl,
    ownerUrl: postgres.ownerUrl,
    db: () => (client ??= createDb(postgres.url, 3)),
    async restart(whileDown) {
      await postgres.stop();
      await whileDown?.();
      postgres = await start();
    },
    async stop() {
      await client?.$disconnect();
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
