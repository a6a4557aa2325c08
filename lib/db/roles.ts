import { withPgClient } from "@/lib/db/pg";

// The database roles Switchback runs as. The owner owns the schema and runs migrations; the
// runtime role, which the app connects as, may only add and read audit rows. Neither is a
// superuser, so the app cannot disable the audit triggers, ALTER or TRUNCATE the trail, or set
// session_replication_role (a superuser-only setting that would silence the triggers).

export const OWNER_ROLE = "switchback_owner";
export const RUNTIME_ROLE = "switchback_app";

// The runtime role may INSERT and SELECT these, nothing else.
const APPEND_ONLY_TABLES = ["audit_events", "audit_checkpoints"];

export const roleUrl = (url: string, role: string, password: string) => {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
};

// As the superuser, connected to the app's database: creates (or re-passwords) both roles, makes
// the owner own the database and, on an install from before the roles existed, every object in
// `public` (its migrations ran as the superuser).
export async function bootstrapRoles(superDatabaseUrl: string, passwords: { owner: string; runtime: string }): Promise<void> {
  await withPgClient(superDatabaseUrl, async (client) => {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [RUNTIME_ROLE, passwords.runtime],
    ] as const) {
      const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
      const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      await client.query(`${exists ? "ALTER" : "CREATE"} ROLE ${role} WITH ${options}`);
    }
    const [{ db }] = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows as [{ db: string }];
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(db)} OWNER TO ${OWNER_ROLE}`);
    await client.query(`DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> '${OWNER_ROLE}'
        LOOP EXECUTE format('ALTER TABLE %s OWNER TO ${OWNER_ROLE}', r.name); END LOOP;
        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '${OWNER_ROLE}'
        LOOP EXECUTE format('ALTER SEQUENCE %s OWNER TO ${OWNER_ROLE}', r.name); END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${OWNER_ROLE}'
        LOOP EXECUTE format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', r.name); END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> '${OWNER_ROLE}'
        LOOP EXECUTE format('ALTER TYPE %s OWNER TO ${OWNER_ROLE}', r.name); END LOOP;
      END $$`);
  });
}

// As the migrating (owning) role, after migrations: the runtime role's privileges on every table,
// including ones a later migration adds (default privileges cover `prisma migrate deploy` run by
// hand; re-granting here covers tables made before the defaults existed). Idempotent.
export async function grantRuntimeRole(migrationUrl: string, runtimeUrl: string): Promise<void> {
  const runtime = decodeURIComponent(new URL(runtimeUrl).username);
  await withPgClient(migrationUrl, async (client) => {
    const [me] = (await client.query<{ user: string }>("SELECT current_user AS user")).rows;
    if (!runtime || runtime === me?.user) return; // one role for both: nothing to separate
    const role = client.escapeIdentifier(runtime);
    const appendOnly = APPEND_ONLY_TABLES.map((table) => client.escapeIdentifier(table)).join(", ");
    await client.query(`
      GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${appendOnly} FROM ${role};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${role};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role};`);
  });
}

// The one line `npm start` prints when DATABASE_URL is a superuser's, or null.
export async function superuserWarning(url: string): Promise<string | null> {
  const [role] = await withPgClient(
    url,
    async (client) =>
      (await client.query<{ name: string; rolsuper: boolean }>("SELECT rolname AS name, rolsuper FROM pg_roles WHERE rolname = current_user")).rows,
  );
  if (!role?.rolsuper) return null;
  return `Warning: DATABASE_URL logs in as "${role.name}", a PostgreSQL superuser, which can switch off the audit trail's guards; give the app a role of its own (README, Security).`;
}
