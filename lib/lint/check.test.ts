import { describe, expect, it } from "vitest";
import { checkStageSql } from "@/lib/lint/check";

// Runs the real squawk binary: the lines, the merge and the failure modes are squawk's, not a mock's.

const summary = (findings: { rule: string; line: number; severity: string; source: string }[]) =>
  findings.map(({ rule, line, severity, source }) => `${line} ${severity} ${source}:${rule}`);

describe("checkStageSql", () => {
  it("maps findings to the right lines of a multi-statement SQL text", async () => {
    const sql = [
      "-- Expand: add the new column and its index", // 1
      "", // 2
      "ALTER TABLE users ADD COLUMN display_name text;", // 3
      "", // 4
      "/* backfill runs in Migrate */", // 5
      "ALTER TABLE users", // 6
      "  ADD COLUMN legacy_id int,", // 7
      "  DROP COLUMN full_name;", // 8
      "", // 9
      "CREATE INDEX users_display_name_idx", // 10
      "  ON users (display_name);", // 11
    ].join("\n");
    const result = await checkStageSql("EXPAND", sql);
    expect(summary(result.findings)).toEqual([
      "3 warning policy:missing-lock-timeout",
      "6 error policy:drop-column",
      "7 warning squawk:prefer-bigint-over-int",
      "10 error policy:create-index-non-concurrent",
    ]);
    expect(result).toMatchObject({ errors: 2, warnings: 2, requiresProof: false });
  });

  it("makes DROP COLUMN an error in Expand and a proof finding in Contract, reported once", async () => {
    const sql = "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN full_name;";
    const expand = await checkStageSql("EXPAND", sql);
    expect(expand.findings).toEqual([expect.objectContaining({ rule: "drop-column", line: 2, severity: "error", message: "Drops column users.full_name." })]);
    expect(expand).toMatchObject({ errors: 1, warnings: 0, requiresProof: false });

    const contract = await checkStageSql("CONTRACT", sql);
    expect(contract.findings).toEqual([expect.objectContaining({ rule: "drop-column", line: 2, severity: "proof" })]);
    expect(contract).toMatchObject({ errors: 0, warnings: 0, requiresProof: true });
  });

  it("answers SQL that does not parse with one clear error on its line, and nothing else", async () => {
    const result = await checkStageSql("EXPAND", "SET lock_timeout = '2s';\n\nALTER TABLE users DROPP COLUMN x;\nALTER TABLE users DROP COLUMN y;");
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: "syntax-error", line: 3, severity: "error", message: expect.stringMatching(/^Line 3 does not parse: /) }),
    ]);
    expect(result.errors).toBe(1);
  });

  it("answers SQL that squawk cannot handle with a finding, not an exception", async () => {
    const result = await checkStageSql("EXPAND", `SELECT ${"(".repeat(100_000)}1${")".repeat(100_000)};`);
    expect(result.findings).toEqual([expect.objectContaining({ rule: "squawk-failed", severity: "error" })]);
  });

  it.each(["", "   \n\t\n"])("gives no findings for empty SQL %j", async (sql) => {
    expect(await checkStageSql("MIGRATE", sql)).toEqual({ findings: [], errors: 0, warnings: 0, requiresProof: false });
  });

  it("passes squawk's other rules through as warnings with its help as advice", async () => {
    const result = await checkStageSql("EXPAND", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN created timestamp;");
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: "prefer-timestamp-tz", line: 2, severity: "warning", source: "squawk", advice: expect.stringContaining("timestamptz") }),
    ]);
  });

  it("answers a 200 KB stage SQL text", async () => {
    const step = (i: number) =>
      [
        `-- step ${i}: orders_${i}`,
        `ALTER TABLE orders_${i} ADD COLUMN IF NOT EXISTS note text;`,
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_${i}_note_idx ON orders_${i} (note);`,
        `UPDATE orders_${i} SET note = 'moved; see ticket ${i}' WHERE id BETWEEN 1 AND 1000;`,
        `ALTER TABLE orders_${i}\n  DROP COLUMN old_note;`,
      ].join("\n");
    const steps = ["SET lock_timeout = '2s';"];
    for (let size = 0; size < 200_000; size += steps[steps.length - 1]!.length) steps.push(step(steps.length));
    const sql = steps.join("\n");
    expect(sql.length).toBeGreaterThanOrEqual(200_000);

    const result = await checkStageSql("CONTRACT", sql);
    expect(result.findings).toHaveLength(steps.length - 1);
    expect(result.findings.every((finding) => finding.rule === "drop-column" && finding.severity === "proof")).toBe(true);
    expect(result).toMatchObject({ errors: 0, warnings: 0, requiresProof: true });
  });
});
