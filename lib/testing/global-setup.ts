import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { grantRuntimeRole } from "@/lib/db/roles";
import { freePort } from "@/lib/net";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    ownerDatabaseUrl: string;
    // The runtime role's URL, as the app's DATABASE_URL: for tests that open their own connections.
    runtimeDatabaseUrl: string;
    // The superuser of a second cluster, the database under migration that target tests watch.
    targetAdminDatabaseUrl: string;
  }
}

// A real PostgreSQL for every integration test: a fresh cluster per run, migrated by our runner.
export default async function setup(project: TestProject) {
  // The drift test compares the generated client with the database: generate from schema.prisma
  // first, so an edited schema is what gets compared.
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["generate", "--no-hints"], {
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" },
    stdio: "ignore",
  });

  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-test-"));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "switchback_test" });
  // As the app runs: migrated by the owner, every test on the runtime role (lib/db/roles.ts), so
  // the whole suite exercises its privileges. Tests that must act as the owner inject its URL.
  await migrate(postgres.ownerUrl);
  await grantRuntimeRole(postgres.ownerUrl, postgres.runtimeUrl);
  process.env.DATABASE_URL = postgres.runtimeUrl;
  project.provide("ownerDatabaseUrl", postgres.ownerUrl);
  project.provide("runtimeDatabaseUrl", postgres.runtimeUrl);
  // One audit key for the run, like AUDIT_KEY shared by a cluster's instances.
  process.env.AUDIT_KEY ||= randomBytes(32).toString("base64url");
  project.provide("adminDatabaseUrl", postgres.url.replace(/\/switchback_test$/, "/postgres"));
  // A second real PostgreSQL as the watched target (pg_stat_statements loaded, like the demo's).
  const target = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "target"), port: await freePort(), database: "postgres" });
  project.provide("targetAdminDatabaseUrl", target.url);

  return async () => {
    await target.stop();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
