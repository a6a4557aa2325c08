import type { Db } from "@/lib/db";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { errorBodyResponse } from "@/lib/http/error-response";

// Readiness, for load balancers and orchestrators: this instance can serve when its database
// answers and holds every migration this version ships, as the migrator records them (Prisma's
// `_prisma_migrations`, lib/db/migrate.ts). A migration only a newer version knows does not make an
// older instance unready: during a rolling upgrade both run on the expanded schema.

// The migrations this version ships do not change while it runs: read once per folder.
const shipped = new Map<string, Promise<string[]>>();
const expectedIn = (dir: string) => {
  let names = shipped.get(dir);
  if (!names) {
    names = readMigrations(dir).then((all) => all.map((migration) => migration.name));
    // A folder that could not be read is tried again on the next probe.
    names.catch(() => shipped.delete(dir));
    shipped.set(dir, names);
  }
  return names;
};

const notReady = (message: string) => errorBodyResponse({ code: "UNAVAILABLE", message });

export async function readiness(db: Db, dir = DEFAULT_MIGRATIONS_DIR): Promise<Response> {
  let expected: string[];
  try {
    expected = await expectedIn(dir);
  } catch {
    return notReady(`This version's migrations could not be read from ${dir}.`);
  }
  let applied: Set<string>;
  try {
    const rows = await db.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.name));
  } catch {
    return notReady("The database is not answering, or has no migrations table yet.");
  }
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length) {
    const list = pending.length > 3 ? `${pending.slice(0, 3).join(", ")} and ${pending.length - 3} more` : pending.join(", ");
    return notReady(`${pending.length} of ${expected.length} migrations are not applied yet: ${list}. Run npm run migrate (npm start does).`);
  }
  return Response.json({ status: "ready", migrations: { applied: expected.length, expected: expected.length } }, { headers: { "Cache-Control": "no-store" } });
}
