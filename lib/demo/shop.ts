import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { withPgClient } from "@/lib/db/pg";

// The demo's database under migration: a small shop (users with a single full_name, and their
// orders) in the embedded cluster, so the demo release watches a real database. It has
// pg_stat_statements, an owner that migrates it (`npm run demo:deploy` connects as that owner) and
// the read-only role the README recommends for Switchback, which is how the demo target is
// registered. Every step is idempotent: `npm start` runs it on every start.

export interface ShopOptions {
  database: string;
  ownerRole: string;
  readerRole: string;
  passwords: { owner: string; reader: string };
  // How many users a new shop gets.
  users?: number;
}

export interface Shop {
  // Whether this call made the tables (false when they were already there).
  created: boolean;
  ownerUrl: string;
  readerUrl: string;
}

export const DEMO_SHOP = { database: "shop", ownerRole: "shop_owner", readerRole: "switchback_reader", users: 50_000 } as const;
export const SHOP_OWNER_PASSWORD_FILE = "shop-owner-password";
const SHOP_READER_PASSWORD_FILE = "shop-reader-password";

// Like the embedded cluster's own passwords (lib/db/embedded-postgres.ts): made once, kept in the data folder.
async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function demoShopPasswords(dataDir: string): Promise<ShopOptions["passwords"]> {
  return {
    owner: await readOrCreatePassword(path.join(dataDir, SHOP_OWNER_PASSWORD_FILE)),
    reader: await readOrCreatePassword(path.join(dataDir, SHOP_READER_PASSWORD_FILE)),
  };
}

export function databaseUrl(url: string, database: string, login?: { role: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  if (login) {
    parsed.username = encodeURIComponent(login.role);
    parsed.password = encodeURIComponent(login.password);
  }
  return parsed.toString();
}

// Two-word names at least, so full_name = first_name || ' ' || last_name holds once split.
const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus", "Margaret", "John", "Hedy", "Tim"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Wirth", "Hamilton", "van Rossum", "de la Cruz"];
const textArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]`;

// One transaction: a shop is either complete or absent, never half made.
const createTables = (users: number) => `
  CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name text NOT NULL,
    email text,
    created_at timestamptz DEFAULT now()
  );
  INSERT INTO users (full_name, email, created_at)
  SELECT f || ' ' || l, lower(replace(f || '.' || l, ' ', '')) || i || '@shop.example', now() - make_interval(mins => i)
    FROM generate_series(1, ${users}) AS i,
         LATERAL (SELECT (${textArray(FIRST)})[1 + i % ${FIRST.length}] AS f, (${textArray(LAST)})[1 + (i * 7) % ${LAST.length}] AS l) AS n;
  CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    total_cents integer NOT NULL,
    created_at timestamptz DEFAULT now()
  );
  CREATE INDEX orders_user_id_idx ON orders (user_id);
  INSERT INTO orders (user_id, total_cents, created_at)
  SELECT 1 + (i * 7919) % ${users}, 500 + (i * 37) % 20000, now() - make_interval(mins => i)
    FROM generate_series(1, ${Math.ceil(users / 2)}) AS i;
  ANALYZE users;
  ANALYZE orders;`;

// As a superuser of the cluster (adminUrl names any database of it): the roles, the database, the
// extension, the tables and the reader's grants.
export async function ensureShop(adminUrl: string, options: ShopOptions): Promise<Shop> {
  const { database, ownerRole, readerRole, passwords } = options;
  await withPgClient(adminUrl, async (client) => {
    for (const [role, password] of [
      [ownerRole, passwords.owner],
      [readerRole, passwords.reader],
    ] as const) {
      const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
      const settings = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      await client.query(`${exists ? "ALTER" : "CREATE"} ROLE ${client.escapeIdentifier(role)} WITH ${settings}`);
    }
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${client.escapeIdentifier(ownerRole)}`);
  });

  const created = await withPgClient(databaseUrl(adminUrl, database), async (client) => {
    const owner = client.escapeIdentifier(ownerRole);
    const reader = client.escapeIdentifier(readerRole);
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const exists = (await client.query("SELECT to_regclass('public.users') IS NOT NULL AS exists")).rows[0]?.exists as boolean;
    if (!exists) {
      // The owner makes the tables, so it owns them and can migrate them later.
      await client.query("BEGIN");
      try {
        await client.query(`SET LOCAL ROLE ${owner}`);
        await client.query(createTables(options.users ?? DEMO_SHOP.users));
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    // The README's read-only role: connect, read the tables (including ones the owner adds
    // later), and see every role's statements in pg_stat_statements for the Contract proof.
    await client.query(`
      GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${reader};
      GRANT USAGE ON SCHEMA public TO ${reader};
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT ON TABLES TO ${reader};
      GRANT pg_read_all_stats TO ${reader};`);
    return !exists;
  });

  return {
    created,
    ownerUrl: databaseUrl(adminUrl, database, { role: ownerRole, password: passwords.owner }),
    readerUrl: databaseUrl(adminUrl, database, { role: readerRole, password: passwords.reader }),
  };
}

// `npm start`'s shop, with the passwords kept in the data folder.
export async function ensureDemoShop(adminUrl: string, dataDir: string): Promise<Shop> {
  return ensureShop(adminUrl, { ...DEMO_SHOP, passwords: await demoShopPasswords(dataDir) });
}
