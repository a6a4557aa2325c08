import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { seal } from "@/lib/targets/seal";
import { createScratchDatabase, testDb, withClient } from "@/lib/testing/db";

// A registered target database for tests of its actions. Port 1 on loopback refuses at once, so
// testing this target is quick and answers with a sentence rather than a version.
export async function fixtureTarget(): Promise<string> {
  const target = await testDb().targetDatabase.create({
    data: { name: `target-${randomUUID()}`, sealedUrl: seal("postgresql://reader:pw@127.0.0.1:1/shop") },
    select: { id: true },
  });
  return target.id;
}

export interface LiveTarget {
  /** The new database's superuser URL: for the test to change the target as a migration would. */
  url: string;
  /** The registered target_databases row that watches it. */
  targetId: string;
  drop(): Promise<void>;
}

// A fresh database on the second real cluster (global-setup.ts), with pg_stat_statements created,
// registered as a target. Watched as the superuser: what is under test is what Switchback reads.
export async function liveTarget(): Promise<LiveTarget> {
  const scratch = await createScratchDatabase(inject("targetAdminDatabaseUrl"));
  await withClient(scratch.url, (c) => c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
  const target = await testDb().targetDatabase.create({
    data: { name: `live-${randomUUID()}`, sealedUrl: seal(scratch.url) },
    select: { id: true },
  });
  return {
    url: scratch.url,
    targetId: target.id,
    async drop() {
      await testDb().release.updateMany({ where: { targetDatabaseId: target.id }, data: { targetDatabaseId: null } });
      await testDb().targetDatabase.deleteMany({ where: { id: target.id } });
      await scratch.drop();
    },
  };
}
