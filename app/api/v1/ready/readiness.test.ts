import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrate";
import { freePort } from "@/lib/net";
import { testDb } from "@/lib/testing/db";
import { readiness } from "./readiness";

// Readiness against the suite's real database, migrated by the real migrator: ready as it is;
// not ready when this version ships a migration the database lacks, or when no database answers.

const shipped = async () => (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })).filter((entry) => entry.isDirectory()).length;

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("GET /api/v1/ready", () => {
  it("is 200 with the migration counts when every migration is applied", async () => {
    const response = await readiness(testDb());
    expect(response.status).toBe(200);
    const count = await shipped();
    expect(await response.json()).toEqual({ status: "ready", migrations: { applied: count, expected: count } });
  });

  it("is 503 with Retry-After, naming the migration that is not applied", async () => {
    // This version's migrations plus one the database has never seen.
    const dir = await mkdtemp(path.join(tmpdir(), "switchback-ready-"));
    scratch.push(dir);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, "29991231000000_future_step"));
    await writeFile(path.join(dir, "29991231000000_future_step", "migration.sql"), "SELECT 1;\n");

    const response = await readiness(testDb(), dir);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    const { error } = await response.json();
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(`1 of ${(await shipped()) + 1} migrations are not applied yet: 29991231000000_future_step`);
  });

  it("is 503 when the database does not answer", async () => {
    const nobody = createDb(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`, 1);
    try {
      const response = await readiness(nobody);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await response.json()).error.message).toMatch(/database is not answering/);
    } finally {
      await nobody.$disconnect();
    }
  });
});
