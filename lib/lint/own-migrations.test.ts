import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "@/lib/input/zod";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { checkStageSql } from "@/lib/lint/check";

// Switchback ships schema changes too, applied while instances of the previous version may still
// be running: its own migrations must pass its own check as Expand SQL (stage policy + squawk), or
// say why not in prisma/migrations/lint-exemptions.json. The reasons live beside the migrations,
// not in them, because an applied migration's text is checksummed and must never change.

const exemptionsSchema = z.array(
  z.object({
    migration: z.string().regex(/^\d{14}_[a-z0-9_]+$/),
    line: z.number().int().min(1),
    rule: z.string().min(1),
    reason: z.string().trim().min(20, "Say in a sentence why this finding is safe"),
  }),
);
type Exemption = z.infer<typeof exemptionsSchema>[number];

const readExemptions = async () => exemptionsSchema.parse(JSON.parse(await readFile(path.join(DEFAULT_MIGRATIONS_DIR, "lint-exemptions.json"), "utf8")));

const key = (e: { migration: string; line: number; rule: string }) => `${e.migration}:${e.line} ${e.rule}`;

// What the check finds in one migration that no exemption explains, as "<migration>:<line> <rule>: <message>".
async function unexplained(migration: string, sql: string, exemptions: Exemption[]): Promise<{ found: string[]; unexplained: string[] }> {
  const explained = new Set(exemptions.map(key));
  const { findings } = await checkStageSql("EXPAND", sql);
  const found = findings.map((finding) => key({ migration, line: finding.line, rule: finding.rule }));
  return {
    found,
    unexplained: findings.filter((finding) => !explained.has(key({ migration, ...finding }))).map((f) => `${key({ migration, ...f })}: ${f.message}`),
  };
}

describe("Switchback's own migrations", () => {
  it("are expand-safe, or each finding has a written reason", { timeout: 120_000 }, async () => {
    const exemptions = await readExemptions();
    const found: string[] = [];
    const problems: string[] = [];
    for (const migration of await readMigrations()) {
      const result = await unexplained(migration.name, migration.sql, exemptions);
      found.push(...result.found);
      problems.push(...result.unexplained);
    }
    expect(problems).toEqual([]);
    // An exemption whose finding is gone would silently excuse a future one on that line.
    expect(exemptions.map(key).filter((k) => !found.includes(k))).toEqual([]);
  });

  it("fails a new migration that is not expand-safe, and passes one that is", async () => {
    const exemptions = await readExemptions();
    const risky = await unexplained("29990101000000_drop_summary", 'ALTER TABLE "releases" DROP COLUMN "summary";\n', exemptions);
    expect(risky.unexplained).toEqual([
      expect.stringMatching(/^29990101000000_drop_summary:1 drop-column: /),
      expect.stringMatching(/^29990101000000_drop_summary:1 missing-lock-timeout: /),
    ]);

    const safe = await unexplained("29990101000000_add_note", 'SET lock_timeout = \'2s\';\nALTER TABLE "releases" ADD COLUMN "note" TEXT;\n', exemptions);
    expect(safe.unexplained).toEqual([]);
  });
});
