import { getDb, type Db, type Tx } from "@/lib/db";

// Hand-written SQL through Prisma's $queryRawUnsafe: the hot reads and writes (the audit append,
// the live cursor) are single statements whose text Prisma's query builder cannot express. Code
// written against `Sql` runs unchanged on the client or inside an interactive transaction.

export interface Sql {
  // `name` is a label for the statement (kept for readers of slow-query logs and tests that
  // pass a plain node-postgres client); Prisma prepares and caches statements itself.
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
}

const isPrisma = (db: Db | Tx | Sql): db is Db | Tx => "$queryRawUnsafe" in db;

export function asSql(db: Db | Tx | Sql): Sql {
  if (!isPrisma(db)) return db;
  return { query: <T>(text: string, params: unknown[] = []) => db.$queryRawUnsafe<T[]>(text, ...params) };
}

// Single statements outside a transaction, on the process's one client.
export function appSql(): Sql {
  return asSql(getDb());
}
