import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { createScratchDatabase, withClient } from "@/lib/testing/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function scratch() {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function migrationsCopyWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "switchback-migrations-"));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const recorded = (url: string) =>
  withClient(
    url,
    async (client) =>
      (await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`)).rows,
  );

describe("migration runner", () => {
  it("applies every migration once and records it in Prisma's format", async () => {
    const url = await scratch();
    const files = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(files.map((m) => m.name));

    const rows = await recorded(url);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(files.map((m) => [m.name, m.checksum, 1]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);

    expect((await migrate(url)).applied).toEqual([]);
  });

  it("lets two instances start at once without racing", async () => {
    const url = await scratch();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const files = await readMigrations();
    expect([...a.applied, ...b.applied].sort()).toEqual(files.map((m) => m.name));
    expect((await recorded(url)).length).toBe(files.length);
  });

  it("rolls a failing migration back whole and says which one failed", async () => {
    const url = await scratch();
    const dir = await migrationsCopyWith({
      "29990101000000_broken": "CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;",
    });
    await expect(migrate(url, dir)).rejects.toThrow(/Migration 29990101000000_broken failed and was rolled back: .*no_such_table/);
    const exists = await withClient(url, (c) => c.query("SELECT to_regclass('half_done') AS t"));
    expect(exists.rows[0].t).toBeNull();
    expect((await recorded(url)).map((r) => r.migration_name)).not.toContain("29990101000000_broken");
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await scratch();
    const dir = await migrationsCopyWith({ "29990101000000_extra": "CREATE TABLE extra (id int);" });
    await migrate(url, dir);
    await writeFile(path.join(dir, "29990101000000_extra", "migration.sql"), "CREATE TABLE extra (id bigint);");
    await expect(migrate(url, dir)).rejects.toThrow(/29990101000000_extra was changed after it was applied/);
  });
});
