import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTargetPools } from "@/lib/targets/pool";
import { testDb, withClient } from "@/lib/testing/db";
import { fixtureTarget, liveTarget, type LiveTarget } from "@/lib/testing/targets";
import { checkStageSchema, type CheckTarget } from "@/lib/verify/check";

// The schema check against a real second PostgreSQL: the test changes the target as the team's
// migration would (as its superuser: Switchback itself never runs the stage's SQL) and the check,
// on Switchback's read-only session, sees it.

const EXPAND = "ALTER TABLE users ADD COLUMN first_name text;\nALTER TABLE users ADD COLUMN last_name text;";
const at = new Date("2026-12-01T14:02:31Z");

let live: LiveTarget;
let target: CheckTarget;
const run = (sql: string) => withClient(live.url, (c) => c.query(sql));

beforeAll(async () => {
  live = await liveTarget();
  target = await testDb().targetDatabase.findUniqueOrThrow({ where: { id: live.targetId }, select: { id: true, name: true, sealedUrl: true } });
  await run(
    "CREATE TABLE users (id bigint PRIMARY KEY, full_name text, email text); INSERT INTO users VALUES (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Ada L', 'ada@example.com')",
  );
});
afterAll(async () => {
  await closeTargetPools();
  await live.drop();
});

describe("checking a stage's schema against the target", () => {
  it("Expand is red while a column is missing and turns green once its SQL is applied", async () => {
    await run("ALTER TABLE users ADD COLUMN first_name text");
    const before = await checkStageSchema(target, { kind: "EXPAND", sql: EXPAND }, at);
    expect(before).toMatchObject({ ok: false, state: "failing", database: target.name, message: "Not applied yet: column users.last_name is missing" });
    expect(before?.objects).toEqual([
      { kind: "column", want: "present", label: "users.first_name", found: "ok" },
      { kind: "column", want: "present", label: "users.last_name", found: "missing" },
    ]);

    await run("ALTER TABLE users ADD COLUMN last_name text");
    const after = await checkStageSchema(target, { kind: "EXPAND", sql: EXPAND }, at);
    expect(after).toMatchObject({ ok: true, state: "verified", checkedAt: at.toISOString() });
    expect(after?.message).toBe(`Verified in ${target.name} at 14:02 UTC: users.first_name, users.last_name exist`);
  });

  it("names every kind that is missing at once", async () => {
    const sql = "CREATE TABLE user_names (id int); ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;";
    expect((await checkStageSchema(target, { kind: "EXPAND", sql }, at))?.message).toBe(
      "Not applied yet: table user_names and columns users.a, users.b are missing",
    );
  });

  it("reports an index left invalid by a failed CREATE INDEX CONCURRENTLY as not valid", async () => {
    // Duplicate emails: the unique build fails after the index is in the catalog, and leaves it there, invalid.
    await expect(run("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email)")).rejects.toThrow(/could not create unique index/);
    const check = await checkStageSchema(target, { kind: "EXPAND", sql: "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);" }, at);
    expect(check).toMatchObject({
      ok: false,
      message: "Index users_email_idx exists but is not valid (a failed CREATE INDEX CONCURRENTLY? drop and re-create it)",
    });

    await run("DROP INDEX users_email_idx; UPDATE users SET email = 'ada.l@example.com' WHERE id = 2");
    await run("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email)");
    expect((await checkStageSchema(target, { kind: "EXPAND", sql: "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);" }, at))?.ok).toBe(true);
  });

  it("a NOT VALID constraint exists, and its VALIDATE claims it validated", async () => {
    const sql = "ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_id_positive;";
    await run("ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0) NOT VALID");
    expect((await checkStageSchema(target, { kind: "EXPAND", sql }, at))?.message).toMatch(
      /^Constraint users_id_positive on users exists but is not validated yet/,
    );
    await run("ALTER TABLE users VALIDATE CONSTRAINT users_id_positive");
    expect((await checkStageSchema(target, { kind: "EXPAND", sql }, at))?.message).toBe(
      `Verified in ${target.name} at 14:02 UTC: users_id_positive on users is validated`,
    );
  });

  it("Contract is red while the dropped column is still there and verified once it is gone", async () => {
    const sql = "ALTER TABLE users DROP COLUMN full_name;";
    expect((await checkStageSchema(target, { kind: "CONTRACT", sql }, at))?.message).toBe("Not applied yet: column users.full_name is still there");
    await run(sql);
    expect(await checkStageSchema(target, { kind: "CONTRACT", sql }, at)).toMatchObject({
      ok: true,
      message: `Verified in ${target.name} at 14:02 UTC: users.full_name is gone`,
    });
  });

  it("Migrate, and SQL that adds or drops nothing, have no check", async () => {
    expect(await checkStageSchema(target, { kind: "MIGRATE", sql: "UPDATE users SET first_name = 'x';" }, at)).toBeNull();
    expect(await checkStageSchema(target, { kind: "EXPAND", sql: "SELECT 1;" }, at)).toBeNull();
  });

  it("a target that does not answer is 'could not check', never verified", async () => {
    const down = await testDb().targetDatabase.findUniqueOrThrow({ where: { id: await fixtureTarget() }, select: { id: true, name: true, sealedUrl: true } });
    expect(await checkStageSchema(down, { kind: "EXPAND", sql: EXPAND }, at)).toEqual({
      ok: false,
      state: "unchecked",
      checkedAt: at.toISOString(),
      database: down.name,
      message: `Could not check ${down.name}: Nothing is listening on 127.0.0.1:1: the connection was refused.`,
      objects: [],
    });
  });
});
