import { describe, expect, it } from "vitest";
import { SqlSyntaxError } from "@/lib/lint/parse-sql";
import { expectedObjects } from "@/lib/verify/expected";

// What a stage claims about the catalog, from its SQL as the real parser reads it.

const claims = (kind: "EXPAND" | "MIGRATE" | "CONTRACT", sql: string) => expectedObjects(kind, sql).map((e) => `${e.want} ${e.kind} ${e.label}`);

describe("what a stage's SQL claims", () => {
  it("Expand claims every table, column, named index and named constraint it adds", () => {
    const sql = `
      SET lock_timeout = '2s';
      CREATE TABLE IF NOT EXISTS audit.user_names (id bigint PRIMARY KEY);
      ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN "Last Name" text;
      ALTER TABLE users ADD CONSTRAINT users_first_name_len CHECK (length(first_name) < 200) NOT VALID;
      ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0) NOT VALID;
      ALTER TABLE users VALIDATE CONSTRAINT users_age_positive;
      CREATE INDEX CONCURRENTLY users_first_name_idx ON users (first_name);
      CREATE INDEX CONCURRENTLY ON users (last_name);
      -- a function body's DDL is a string to the parser, never a claim
      CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ ALTER TABLE t ADD COLUMN z int $$;
    `;
    expect(claims("EXPAND", sql)).toEqual([
      "present table audit.user_names",
      "present column users.first_name",
      'present column users."Last Name"',
      "present constraint users_first_name_len on users",
      "validated constraint users_age_positive on users",
      "valid index users_first_name_idx",
    ]);
  });

  it("Contract claims every table, column, index and constraint it drops is gone, and nothing it adds", () => {
    const sql = `
      ALTER TABLE users DROP COLUMN full_name, DROP CONSTRAINT users_full_name_check;
      DROP INDEX CONCURRENTLY IF EXISTS users_full_name_idx;
      DROP TABLE legacy_names, archive.old_users;
      ALTER TABLE users ADD COLUMN note text;
    `;
    expect(claims("CONTRACT", sql)).toEqual([
      "gone column users.full_name",
      "gone constraint users_full_name_check on users",
      "gone index users_full_name_idx",
      "gone table legacy_names",
      "gone table archive.old_users",
    ]);
  });

  it("a later statement about the same object wins, and a rename claims both names in either stage", () => {
    const sql = `
      DROP INDEX users_email_idx;
      CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);
      ALTER TABLE users ADD COLUMN tmp int;
      ALTER TABLE users DROP COLUMN tmp;
      ALTER TABLE users RENAME COLUMN name TO full_name;
    `;
    expect(claims("EXPAND", sql)).toEqual(["valid index users_email_idx", "gone column users.name", "present column users.full_name"]);
  });

  it("Migrate, empty SQL and SQL that changes no schema claim nothing", () => {
    expect(claims("MIGRATE", "ALTER TABLE users ADD COLUMN x int;")).toEqual([]);
    expect(claims("EXPAND", "")).toEqual([]);
    expect(claims("EXPAND", "UPDATE users SET first_name = split_part(full_name, ' ', 1) WHERE id < 1000;")).toEqual([]);
  });

  it("SQL that does not parse says where", () => {
    expect(() => expectedObjects("EXPAND", "ALTER TABLE users ADD COLUMN;")).toThrow(SqlSyntaxError);
  });
});
