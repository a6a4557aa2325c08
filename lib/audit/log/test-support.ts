import pg from "pg";
import { vi } from "vitest";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import type { Sql } from "@/lib/db/sql";
import type { Db } from "@/lib/db";
import { openScratchDb } from "@/lib/testing/db";

// A migrated database of the test file's own (other files append to the shared one at the same
// time, and these tests count rows), reached through node-postgres as the app's pool reaches it.

export interface AuditScratch {
  db: Db;
  pool: pg.Pool;
  sql: Sql;
  // Appends events in one transaction, each stamped with the `at` it names (the clock is frozen
  // for the append), so tests can build ties on `at` that the keyset must break by id.
  append(events: (AuditInput & { at: Date })[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function openAuditScratch(): Promise<AuditScratch> {
  const scratch = await openScratchDb();
  const pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
  const sql: Sql = { query: async <R>(text: string, params: unknown[] = [], name?: string) => (await pool.query({ text, values: params, name })).rows as R[] };
  return {
    db: scratch.db,
    pool,
    sql,
    async append(events) {
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        const client = await pool.connect();
        const tx: Sql = { query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[] };
        try {
          await client.query("BEGIN");
          const ids: string[] = [];
          for (const { at, ...input } of events) {
            vi.setSystemTime(at);
            ids.push(String((await appendAudit(tx, input)).id));
          }
          await client.query("COMMIT");
          return ids;
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        } finally {
          client.release();
        }
      } finally {
        vi.useRealTimers();
      }
    },
    async close() {
      await pool.end();
      await scratch.drop();
    },
  };
}

// The order the log promises: newest first, ties on `at` broken by the higher id first.
export const newestFirst = <T extends { at: Date; id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => b.at.getTime() - a.at.getTime() || Number(BigInt(b.id) - BigInt(a.id)));
