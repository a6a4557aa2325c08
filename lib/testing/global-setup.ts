import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/net";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
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
  await migrate(postgres.url);
  process.env.DATABASE_URL = postgres.url;
  project.provide("adminDatabaseUrl", postgres.url.replace(/\/switchback_test$/, "/postgres"));

  return async () => {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
