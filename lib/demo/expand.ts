import type pg from "pg";
import { DEMO_INDEX } from "@/lib/demo/stage-sql";

// Expand as a pipeline applies it (lib/demo/stage-sql.ts), written so a second run changes nothing:
// the columns are added if missing, and an index left INVALID by an interrupted concurrent build is
// dropped and built again. Answers what it did, in words.

const columnExists = async (client: pg.ClientBase, column: string) =>
  ((await client.query("SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' AND column_name = $1", [column]))
    .rowCount ?? 0) > 0;

async function indexState(client: pg.ClientBase): Promise<"missing" | "valid" | "invalid"> {
  const { rows } = await client.query<{ valid: boolean }>(
    "SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace",
    [DEMO_INDEX],
  );
  return rows[0] ? (rows[0].valid ? "valid" : "invalid") : "missing";
}

export async function applyExpand(client: pg.ClientBase): Promise<string[]> {
  const done: string[] = [];
  await client.query("SET lock_timeout = '2s'");
  for (const column of ["first_name", "last_name"]) {
    if (await columnExists(client, column)) continue;
    await client.query(`ALTER TABLE users ADD COLUMN ${column} text`);
    done.push(`added users.${column}`);
  }
  const state = await indexState(client);
  if (state === "invalid") {
    await client.query(`DROP INDEX CONCURRENTLY ${DEMO_INDEX}`);
    done.push(`dropped the invalid ${DEMO_INDEX} left by an interrupted build`);
  }
  if (state !== "valid") {
    await client.query(`CREATE INDEX CONCURRENTLY ${DEMO_INDEX} ON users (last_name, first_name)`);
    done.push(`built ${DEMO_INDEX} concurrently`);
  }
  await client.query("RESET lock_timeout");
  return done;
}
