import { describe, expect, it } from "vitest";
import { droppedObjects } from "@/lib/proofs/drops";
import { mentionsTable, statementReferences, touches, UNPARSED } from "@/lib/proofs/references";

// Normalised statements as pg_stat_statements keeps them ($1 for constants), read by the real parser.

const reads = (query: string, table: string, column?: string) => {
  const refs = statementReferences(query);
  if (!refs || refs === UNPARSED) throw new Error(`did not parse as the app's DML: ${query}`);
  return touches(refs, table, column);
};

describe("which dropped columns and tables a normalised statement touches", () => {
  it("sees a column selected by name, qualified by an alias, or read with *", () => {
    expect(reads("SELECT full_name FROM users WHERE id = $1", "users", "full_name")).toBe(true);
    expect(reads("SELECT first_name, last_name FROM users WHERE id = $1", "users", "full_name")).toBe(false);
    expect(reads("SELECT u.full_name FROM users u JOIN orders o ON o.user_id = u.id", "users", "full_name")).toBe(true);
    expect(reads("SELECT o.full_name FROM users u JOIN orders o ON o.user_id = u.id", "users", "full_name")).toBe(false);
    expect(reads("SELECT * FROM users", "users", "full_name")).toBe(true);
    expect(reads("SELECT u.* FROM users u", "users", "last_name")).toBe(true);
    expect(reads("SELECT count(*) FROM users", "users", "full_name")).toBe(false);
  });

  it("sees a column in WHERE, ORDER BY and subqueries, and a schema-qualified table", () => {
    expect(reads("SELECT id FROM users WHERE full_name ILIKE $1 ORDER BY id LIMIT $2", "users", "full_name")).toBe(true);
    expect(reads("SELECT id FROM orders WHERE user_id IN (SELECT id FROM public.users WHERE full_name = $1)", "users", "full_name")).toBe(true);
    expect(reads("SELECT full_name FROM app.users", "users", "full_name")).toBe(true);
    expect(reads("SELECT full_name FROM customers", "users", "full_name")).toBe(false);
  });

  it("counts writes that set the column, or every column, as touching it", () => {
    expect(reads("INSERT INTO users (id, full_name) VALUES ($1, $2)", "users", "full_name")).toBe(true);
    expect(reads("INSERT INTO users (id, first_name) VALUES ($1, $2)", "users", "full_name")).toBe(false);
    expect(reads("INSERT INTO users VALUES ($1, $2, $3, $4)", "users", "full_name")).toBe(true);
    expect(reads("UPDATE users SET full_name = $1 WHERE id = $2", "users", "full_name")).toBe(true);
    expect(reads("UPDATE users SET first_name = $1 WHERE id = $2", "users", "full_name")).toBe(false);
  });

  it("sees any statement on a dropped table", () => {
    expect(reads("DELETE FROM legacy_names WHERE id = $1", "legacy_names")).toBe(true);
    expect(reads("SELECT id FROM users", "legacy_names")).toBe(false);
  });

  it("leaves out DDL and utility statements, and tells them from what does not parse", () => {
    expect(statementReferences("ALTER TABLE users DROP COLUMN full_name")).toBeNull();
    expect(statementReferences("SET search_path = app")).toBeNull();
    expect(statementReferences("SELECT full_name FROM")).toBe(UNPARSED);
    // All that can be said of a text that does not parse: whether it names the table.
    expect(mentionsTable("SELECT full_name FROM users WHERE", "users")).toBe(true);
    expect(mentionsTable('SELECT * FROM "users" WHERE', "app.users")).toBe(true);
    expect(mentionsTable("SELECT * FROM users_archive WHERE", "users")).toBe(false);
  });
});

describe("what the Contract stage drops", () => {
  it("lists dropped columns and tables, named as SQL writes them", () => {
    const sql = `SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN full_name, DROP COLUMN IF EXISTS "Nick";
DROP TABLE IF EXISTS legacy_names;
CREATE INDEX CONCURRENTLY users_first_name ON users (first_name);`;
    expect(droppedObjects(sql)).toEqual([
      { name: "users.full_name", table: "users", column: "full_name" },
      { name: 'users."Nick"', table: "users", column: "Nick" },
      { name: "legacy_names", table: "legacy_names" },
    ]);
    expect(droppedObjects("ALTER TABLE users DROP COLUMN")).toEqual([]);
  });
});
