import { describe, expect, inject, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { superuserWarning } from "@/lib/db/roles";
import { testDb } from "@/lib/testing/db";

// The suite's DATABASE_URL is the runtime role the app uses (lib/testing/global-setup.ts): what it
// may not do to the audit trail, PostgreSQL refuses for it, with or without the triggers.

const system = { type: "SYSTEM", label: "runtime role test" } as const;
const denied = /permission denied|must be owner/;

describe("the app's runtime database role", () => {
  it("is not a superuser and does not own the tables", async () => {
    const [role] = await testDb().$queryRawUnsafe<{ rolsuper: boolean; owns: boolean }[]>(
      `SELECT rolsuper, EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, owns: false });
  });

  it("may append and read audit events and write other tables", async () => {
    const { id } = await testDb().$transaction((tx) => appendAudit(tx, { actor: system, action: "test.runtime_append" }));
    expect(await testDb().auditEvent.count({ where: { id } })).toBe(1);
    await expect(testDb().$executeRawUnsafe("UPDATE users SET name = name WHERE false")).resolves.toBe(0);
  });

  it.each([
    ["UPDATE", "UPDATE audit_events SET action = 'forged'"],
    ["DELETE", "DELETE FROM audit_events"],
    ["TRUNCATE", "TRUNCATE audit_events"],
    ["disable the trigger", "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"],
    ["disable all triggers", "ALTER TABLE audit_events DISABLE TRIGGER ALL"],
    ["drop the trigger", "DROP TRIGGER audit_events_no_update_delete ON audit_events"],
    ["update a checkpoint", "UPDATE audit_checkpoints SET signature = ''"],
    ["delete a checkpoint", "DELETE FROM audit_checkpoints"],
    ["truncate the checkpoints", "TRUNCATE audit_checkpoints"],
    ["replace the trigger function", "CREATE OR REPLACE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"],
  ])("is refused: %s", async (_name, statement) => {
    await expect(testDb().$executeRawUnsafe(statement)).rejects.toThrow(denied);
  });

  it("gets no superuser warning at start, where a superuser's URL gets one line", async () => {
    expect(await superuserWarning(inject("runtimeDatabaseUrl"))).toBeNull();
    expect(await superuserWarning(inject("adminDatabaseUrl"))).toMatch(/^Warning: DATABASE_URL logs in as "postgres", a PostgreSQL superuser[^\n]*$/);
  });

  it("cannot switch triggers off for its session", async () => {
    await expect(testDb().$executeRawUnsafe("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
  });
});
