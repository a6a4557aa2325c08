import { describe, expect, it } from "vitest";
import { splitStatements } from "@/lib/lint/parse-sql";

// Ported from the hand-written lexer's statements.test.ts: the same texts, now read by PostgreSQL's parser.

const starts = (sql: string) => splitStatements(sql).map((statement) => [statement.line, statement.text]);

describe("splitStatements", () => {
  it("splits at semicolons and reports each statement's first line, 1-based", () => {
    expect(starts("SELECT 1;\n\nSELECT 2;  SELECT 3;\n")).toEqual([
      [1, "SELECT 1"],
      [3, "SELECT 2"],
      [3, "SELECT 3"],
    ]);
  });

  it("starts a statement at its first token, not at the comments and blank lines before it", () => {
    const [statement] = splitStatements("-- add the column\n\n/* why:\n   reasons */\n  ALTER TABLE users\n  ADD COLUMN a text;");
    expect(statement).toMatchObject({ line: 5, endLine: 6, text: "ALTER TABLE users\n  ADD COLUMN a text" });
  });

  it("keeps the last statement when it has no semicolon, and drops empty ones", () => {
    expect(starts(";;\nSELECT 1;;\n-- only a comment\nSELECT 2")).toEqual([
      [2, "SELECT 1"],
      [4, "SELECT 2"],
    ]);
    expect(starts("SELECT 1;\nSELECT 2 -- the end\n/* really */\n")).toEqual([
      [1, "SELECT 1"],
      [2, "SELECT 2"],
    ]);
  });

  it.each([
    ["a line comment", "SELECT 1 -- ; not a split\n;"],
    ["a block comment", "SELECT 1 /* ; */;"],
    ["a nested block comment", "SELECT 1 /* outer /* inner ; */ still ; comment */;"],
    ["a string with doubled quotes", "SELECT 'it''s; fine';"],
    ["an E'' string with a backslash-escaped quote", "SELECT E'it\\'s; fine';"],
    ["a quoted identifier", 'SELECT "odd;name" FROM t;'],
    ["a $$ body", "CREATE FUNCTION f() RETURNS void AS $$ BEGIN NULL; END; $$ LANGUAGE plpgsql;"],
    ["a $tag$ body holding $$", "DO $body$ BEGIN PERFORM $$;$$; END $body$;"],
  ])("does not split inside %s", (_, sql) => {
    expect(splitStatements(sql)).toHaveLength(1);
  });

  it("reads a plain string's backslash literally, as PostgreSQL does by default", () => {
    expect(starts("SELECT 'C:\\';\nSELECT 2;")).toEqual([
      [1, "SELECT 'C:\\'"],
      [2, "SELECT 2"],
    ]);
  });

  it("treats $1 as a parameter, not the start of a dollar quote", () => {
    expect(starts("PREPARE p AS SELECT $1;\nSELECT 2;")).toHaveLength(2);
  });

  it("counts the lines inside strings, comments and bodies towards later statements", () => {
    const sql = "SELECT 'a\nb';\n/* x\ny */\nDO $$\nBEGIN\nEND $$;\nSELECT \"q\nq\";\nSELECT 3;";
    expect(splitStatements(sql).map((statement) => statement.line)).toEqual([1, 5, 8, 10]);
  });

  it("keeps statement text and lines right after multi-byte characters", () => {
    const sql = "COMMENT ON TABLE t IS 'Größe 📏';\n-- café\nSELECT 'ü';\nSELECT 3;";
    expect(starts(sql)).toEqual([
      [1, "COMMENT ON TABLE t IS 'Größe 📏'"],
      [3, "SELECT 'ü'"],
      [4, "SELECT 3"],
    ]);
  });

  it("keeps strings and quoted names apart from the words around them", () => {
    const [statement] = splitStatements(`alter table "DROP" add column x text default E'DROP \\' COLUMN';`);
    const node = statement?.node;
    expect(node && "AlterTableStmt" in node && node.AlterTableStmt).toMatchObject({
      relation: { relname: "DROP" },
      cmds: [{ AlterTableCmd: { subtype: "AT_AddColumn", def: { ColumnDef: { colname: "x" } } } }],
    });
  });

  it("names the line and column of an unterminated string or comment instead of guessing", () => {
    expect(() => splitStatements("SELECT 1;\nSELECT 'open;\nSELECT 2;")).toThrow("Syntax error at line 2, column 8: unterminated quoted string");
    expect(() => splitStatements("SELECT 1; /* open")).toThrow("Syntax error at line 1, column 11: unterminated /* comment");
  });

  it("names the line and column of a syntax error, counting characters, not bytes", () => {
    expect(() => splitStatements("SELECT 'é📏';\n\nALTER TABLE users DROPP COLUMN x;")).toThrow(
      'Syntax error at line 3, column 19: syntax error at or near "DROPP"',
    );
    expect(() => splitStatements("SELECT 'é📏'; SELEC 1;")).toThrow('Syntax error at line 1, column 14: syntax error at or near "SELEC"');
  });

  it("splits a 200 KB text into every statement", () => {
    const statement = "ALTER TABLE orders ADD COLUMN note_0000 text; -- why; because\n";
    const sql = statement.repeat(Math.ceil(200_000 / statement.length));
    expect(splitStatements(sql)).toHaveLength(Math.ceil(200_000 / statement.length));
  });
});
