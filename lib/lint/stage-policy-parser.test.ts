import { describe, expect, it } from "vitest";
import { checkStageSql } from "@/lib/lint/check";
import { applyStagePolicy } from "@/lib/lint/stage-policy";

// SQL a hand-written lexer misreads and PostgreSQL's parser does not: each case asserts what the
// release engineer sees.

const GUARD = "SET lock_timeout = '2s';\n";
const seen = (sql: string) => applyStagePolicy("EXPAND", GUARD + sql).map(({ rule, line, message }) => ({ rule, line, message }));

describe("the stage policy on what only a real parser reads right", () => {
  it("does not count a DROP inside a DO block's dollar-quoted body", () => {
    expect(seen("DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE users DROP COLUMN full_name';\n  DROP TABLE legacy;\nEND $$;")).toEqual([]);
  });

  it("reads tagged dollar quotes, even holding $$ and a DROP", () => {
    const sql = "DO $fn$\nBEGIN\n  PERFORM $$ DROP TABLE users; $$;\nEND\n$fn$;\nALTER TABLE users DROP COLUMN b;";
    expect(seen(sql)).toEqual([{ rule: "drop-column", line: 7, message: "Drops column users.b." }]);
  });

  it("ignores ALTER TABLE ... DROP COLUMN text in a CREATE FUNCTION body", () => {
    const sql = "CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n  ALTER TABLE users DROP COLUMN full_name;\nEND\n$body$;";
    expect(seen(sql)).toEqual([]);
  });

  it("sees through comments inside a statement", () => {
    expect(seen("ALTER /* x */ TABLE t -- why\n  DROP COLUMN c;")).toEqual([{ rule: "drop-column", line: 2, message: "Drops column t.c." }]);
  });

  it("judges an ALTER TABLE by its worst subcommand", () => {
    expect(seen("ALTER TABLE users ADD COLUMN nickname text, DROP COLUMN full_name;")).toEqual([
      { rule: "drop-column", line: 2, message: "Drops column users.full_name." },
    ]);
    const contract = applyStagePolicy("CONTRACT", `${GUARD}ALTER TABLE users ADD COLUMN nickname text, DROP COLUMN full_name;`);
    expect(contract).toEqual([expect.objectContaining({ rule: "drop-column", severity: "proof" })]);
  });

  it("names quoted identifiers the way they must be written", () => {
    expect(seen('ALTER TABLE "Users" DROP COLUMN "first name";\nALTER TABLE public."Users" RENAME "order" TO "Order";')).toEqual([
      { rule: "drop-column", line: 2, message: 'Drops column "Users"."first name".' },
      { rule: "rename-column", line: 3, message: 'Renames column public."Users"."order" to "Order", which breaks the code still using the old name.' },
    ]);
  });

  it("names the SQL type, not the catalog's, in a type change", () => {
    expect(seen("ALTER TABLE users ALTER COLUMN age TYPE bigint, ALTER tags TYPE varchar(20)[];").map((finding) => finding.message)).toEqual([
      "Changes the type of users.age to bigint: the table is locked, usually rewritten, and code expecting the old type breaks.",
      "Changes the type of users.tags to varchar(20)[]: the table is locked, usually rewritten, and code expecting the old type breaks.",
    ]);
  });

  it("answers a syntax error with its line and column, and nothing else", () => {
    expect(seen("ALTER TABLE users DROP COLUMN a;\n\nALTER TABLE users\n  DROPP COLUMN x;")).toEqual([
      { rule: "syntax-error", line: 5, message: 'Line 5 does not parse: syntax error at or near "DROPP" (column 3).' },
    ]);
  });

  it("says so when the parser gives up on nesting too deep to read, rather than passing the SQL", () => {
    expect(applyStagePolicy("EXPAND", `SELECT ${"(".repeat(20_000)}1${")".repeat(20_000)};`)).toEqual([
      expect.objectContaining({ rule: "policy-failed", line: 1, severity: "error", message: expect.stringContaining("could not check this SQL") }),
    ]);
  });
});

describe("checkStageSql with PostgreSQL's parser", () => {
  it("reports PostgreSQL's syntax error at its line and column", async () => {
    const result = await checkStageSql("EXPAND", "SET lock_timeout = '2s';\n-- naïve\nALTER TABLE users ADD COLUMN note text TEXT;");
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: "syntax-error",
        line: 3,
        severity: "error",
        message: 'Line 3 does not parse: syntax error at or near "TEXT" (column 40).',
      }),
    ]);
  });
});
