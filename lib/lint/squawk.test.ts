import { describe, expect, it } from "vitest";
import { runSquawk } from "@/lib/lint/squawk";

// Runs the real squawk binary: its parse errors name parser token kinds, which must not reach people.

const messages = async (sql: string) => (await runSquawk(sql)).map((finding) => finding.message);

describe("runSquawk syntax errors", () => {
  it("names a stray keyword as the keyword, not as the parser's token kind", async () => {
    expect(await messages("ALTER TABLE users ADD COLUMN note TEXT TEXT;")).toEqual(["Line 1 does not parse: expected command, found the keyword TEXT."]);
  });

  it("names symbols by the character and other tokens in words", async () => {
    expect(await messages("INSERT INTO users VALUES (1")).toEqual(["Line 1 does not parse: expected “)”."]);
    expect(await messages("UPDATE users SET a = 1 WHERE a = ;")).toEqual(["Line 1 does not parse: expected an expression, found “;”."]);
    expect(await messages("SELEC 1;")).toEqual(["Line 1 does not parse: expected command, found a name."]);
  });

  it("leaves no parser token kind in any message", async () => {
    const sql = ["CREATE TABLE t (a int,, b text);", "ALTER TABLE t ALTER COLUMN a TYPE;", "CREATE INDEX ON t (a) WHERE;", "SELECT 'x' 'y' 1.5 $1 ::;"].join(
      "\n",
    );
    const found = await messages(sql);
    expect(found.length).toBeGreaterThan(0);
    for (const message of found) expect(message).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|\b(IDENT|SEMICOLON|COMMA|EOF|STRING)\b/);
  });
});
