import { describe, expect, it } from "vitest";
import { applyStagePolicy, classifyStatement } from "@/lib/lint/stage-policy";
import { splitStatements } from "@/lib/lint/parse-sql";
import type { Severity, StageKind } from "@/lib/lint/types";

const GUARD = "SET lock_timeout = '2s';\n";
const STAGES: StageKind[] = ["EXPAND", "MIGRATE", "CONTRACT"];

// Findings other than the lock_timeout warning, which has tests of its own.
const policy = (stage: StageKind, sql: string) => applyStagePolicy(stage, GUARD + sql);
const kinds = (sql: string) => splitStatements(sql).flatMap((statement) => classifyStatement(statement.node).operations.map((op) => op.kind));

// [operation, SQL, rule, severity in Expand and Migrate, severity in Contract]
const CLASSES: [string, string, string, Severity, Severity][] = [
  ["drop column", "ALTER TABLE users DROP COLUMN full_name;", "drop-column", "error", "proof"],
  ["drop column, COLUMN and IF EXISTS optional", "ALTER TABLE users DROP IF EXISTS full_name CASCADE;", "drop-column", "error", "proof"],
  ["drop table", "DROP TABLE IF EXISTS legacy_sessions;", "drop-table", "error", "proof"],
  ["drop index concurrently", "DROP INDEX CONCURRENTLY users_email_idx;", "drop-index", "error", "proof"],
  ["rename column", "ALTER TABLE users RENAME COLUMN full_name TO display_name;", "rename-column", "error", "error"],
  ["rename table", "ALTER TABLE users RENAME TO accounts;", "rename-table", "error", "error"],
  ["type change", "ALTER TABLE users ALTER COLUMN age TYPE bigint;", "change-column-type", "error", "error"],
  ["type change (SET DATA TYPE)", "ALTER TABLE users ALTER age SET DATA TYPE numeric(10, 2);", "change-column-type", "error", "error"],
  ["SET NOT NULL", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "set-not-null", "error", "error"],
  ["non-concurrent CREATE INDEX", "CREATE INDEX users_email_idx ON users (email);", "create-index-non-concurrent", "error", "error"],
  ["non-concurrent CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX ON users (email);", "create-index-non-concurrent", "error", "error"],
  [
    "UNIQUE constraint without USING INDEX",
    "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
    "create-index-non-concurrent",
    "error",
    "error",
  ],
  ["PRIMARY KEY without USING INDEX", "ALTER TABLE users ADD PRIMARY KEY (id);", "create-index-non-concurrent", "error", "error"],
  ["non-concurrent DROP INDEX", "DROP INDEX users_email_idx;", "drop-index-non-concurrent", "error", "error"],
  ["ADD COLUMN NOT NULL without DEFAULT", "ALTER TABLE users ADD COLUMN tier text NOT NULL;", "add-required-column", "error", "error"],
  [
    "FOREIGN KEY without NOT VALID",
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
    "constraint-without-not-valid",
    "error",
    "error",
  ],
  ["CHECK without NOT VALID", "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0);", "constraint-without-not-valid", "error", "error"],
  [
    "inline REFERENCES on a new column",
    "ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);",
    "constraint-without-not-valid",
    "error",
    "error",
  ],
];

describe.each(STAGES)("in %s", (stage) => {
  it.each(CLASSES)("%s", (_, sql, rule, early, contract) => {
    const findings = policy(stage, sql).filter((finding) => finding.rule === rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, severity: stage === "CONTRACT" ? contract : early, source: "policy" });
    expect(findings[0]?.advice).toBeTruthy();
  });

  it.each([
    ["CREATE INDEX CONCURRENTLY", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"],
    ["CREATE INDEX ON ONLY a partitioned parent", "CREATE INDEX events_at_idx ON ONLY events (at);"],
    ["a PRIMARY KEY USING INDEX", "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;"],
    ["a UNIQUE constraint USING INDEX", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"],
    ["a FOREIGN KEY NOT VALID", "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"],
    ["a CHECK NOT VALID, then VALIDATE", "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;"],
    ["a nullable column", "ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;"],
    ["a NOT NULL column with a default", "ALTER TABLE users ADD COLUMN tier text NOT NULL DEFAULT 'free';"],
    ["a NOT NULL serial column", "ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;"],
    ["DROP NOT NULL and SET DEFAULT", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL, ALTER COLUMN tier SET DEFAULT 'free';"],
    ["dropping a constraint", "ALTER TABLE users DROP CONSTRAINT users_age_check;"],
    ["a backfill", "UPDATE users SET display_name = full_name WHERE id BETWEEN 1 AND 1000;"],
  ])("allows %s", (_, sql) => {
    expect(policy(stage, sql)).toEqual([]);
  });
});

describe("classifyStatement", () => {
  it("classifies each action of a multi-action ALTER TABLE", () => {
    expect(kinds("ALTER TABLE users ADD COLUMN a text, DROP COLUMN b, ALTER COLUMN c TYPE bigint;")).toEqual(["drop-column", "change-column-type"]);
    expect(kinds("ALTER TABLE IF EXISTS ONLY public.users RENAME COLUMN d TO e;")).toEqual(["rename-column"]);
    expect(kinds("alter table users drop column a;\nCreate Index i on users (b);")).toEqual(["drop-column", "create-index-non-concurrent"]);
  });

  it("names the objects in the message, as written", () => {
    const [finding] = policy("EXPAND", 'ALTER TABLE app."Users" DROP COLUMN "Full Name";');
    expect(finding?.message).toBe('Drops column app."Users"."Full Name".');
    expect(policy("EXPAND", "ALTER TABLE users ALTER age TYPE numeric(10, 2) USING age::numeric;")[0]?.message).toContain("users.age to numeric(10, 2)");
  });

  it("lists every table and index of one DROP", () => {
    expect(kinds("DROP TABLE a, b CASCADE;")).toEqual(["drop-table", "drop-table"]);
    expect(kinds("DROP INDEX a, b;")).toEqual(["drop-index", "drop-index-non-concurrent", "drop-index", "drop-index-non-concurrent"]);
  });
});

describe("the stage SQL as a whole", () => {
  it("ignores DROP COLUMN inside comments, strings, quoted names and function bodies", () => {
    const sql = [
      "-- ALTER TABLE users DROP COLUMN full_name;",
      "/* ALTER TABLE users DROP COLUMN full_name; */",
      "COMMENT ON COLUMN users.a IS 'ALTER TABLE users DROP COLUMN full_name;';",
      'ALTER TABLE users ADD COLUMN "DROP COLUMN x" text;',
      "CREATE FUNCTION f() RETURNS void AS $$ ALTER TABLE users DROP COLUMN full_name; $$ LANGUAGE sql;",
    ].join("\n");
    expect(policy("EXPAND", sql)).toEqual([]);
  });

  it("reports a multi-line statement at its first line", () => {
    const sql = "-- widen\n\nALTER TABLE users\n  ADD COLUMN a text,\n  DROP COLUMN full_name;\n\nCREATE INDEX\n  users_a_idx\n  ON users (a);";
    expect(policy("EXPAND", sql).map((finding) => [finding.rule, finding.line])).toEqual([
      ["drop-column", 4],
      ["create-index-non-concurrent", 8],
    ]);
  });

  it("lets a table created earlier in the same SQL be indexed and constrained without CONCURRENTLY", () => {
    const sql =
      "CREATE TABLE user_emails (id bigint, user_id bigint, email text);\nCREATE INDEX ON user_emails (email);\nALTER TABLE user_emails ALTER COLUMN email SET NOT NULL, ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);";
    expect(policy("EXPAND", sql)).toEqual([]);
  });

  it("downgrades SET NOT NULL to a warning after a VALIDATE CONSTRAINT on the same table", () => {
    const [finding] = policy("MIGRATE", "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;");
    expect(finding).toMatchObject({ rule: "set-not-null", severity: "warning", line: 3 });
  });
});

describe("lock_timeout", () => {
  const lockWarnings = (sql: string) => applyStagePolicy("EXPAND", sql).filter((finding) => finding.rule === "missing-lock-timeout");

  it("warns once, at the first DDL, when none is set before it", () => {
    expect(lockWarnings("UPDATE users SET a = 1;\n\nALTER TABLE users ADD COLUMN b text;\nALTER TABLE users ADD COLUMN c text;")).toEqual([
      expect.objectContaining({ line: 3, severity: "warning", advice: expect.stringContaining("SET lock_timeout = '2s'") }),
    ]);
  });

  it.each([
    ["SET", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN b text;"],
    ["SET LOCAL ... TO", "BEGIN;\nSET LOCAL lock_timeout TO '5s';\nALTER TABLE users ADD COLUMN b text;\nCOMMIT;"],
    ["set_config", "SELECT set_config('lock_timeout', '3s', false);\nALTER TABLE users ADD COLUMN b text;"],
  ])("accepts %s before the first DDL", (_, sql) => {
    expect(lockWarnings(sql)).toEqual([]);
  });

  it.each([
    ["set after the first DDL", "ALTER TABLE users ADD COLUMN b text;\nSET lock_timeout = '2s';"],
    ["set to 0, which waits forever", "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN b text;"],
    ["mentioned only in a comment", "-- SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN b text;"],
  ])("still warns when it is %s", (_, sql) => {
    expect(lockWarnings(sql)).toHaveLength(1);
  });

  it("does not ask for one when there is no DDL, or only CONCURRENTLY index operations", () => {
    expect(lockWarnings("UPDATE users SET a = 1 WHERE id < 100;")).toEqual([]);
    expect(lockWarnings("CREATE INDEX CONCURRENTLY a_idx ON users (a);\nDROP INDEX CONCURRENTLY b_idx;")).toEqual([]);
  });
});
