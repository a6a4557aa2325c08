import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Db } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { freePort } from "@/lib/net";
import { DB_METRIC_KEYS } from "@/lib/signals/sources/database/config";
import { DATABASE_METRICS } from "@/lib/signals/sources/database/metrics";
import { deriveSealKey, seal } from "@/lib/targets/seal";
import { withPgClient } from "@/lib/db/pg";

// The database under migration for the target benches: an embedded cluster of its own (with
// pg_stat_statements loaded), scratch databases on it, and the read-only role Switchback watches
// them as — the role the README tells a team to create — so its statements can be told apart in
// pg_stat_statements from the bench's own.

export const READER_ROLE = "switchback_reader";
export const BASELINE_ROLE = "bench_baseline";

// The six built-in Database metrics, as the criterion form would save them.
export const BUILTIN_METRICS = DB_METRIC_KEYS.map((key) => ({ key, name: DATABASE_METRICS[key].label, unit: DATABASE_METRICS[key].unit }));

export interface TargetCluster {
  adminUrl: string;
  /** A new database with a `bench_lock` table; returns its URL as the reader role. */
  createDatabase(name: string): Promise<{ adminUrl: string; readerUrl: string }>;
  /** The baseline role's URL for a database. */
  baselineUrl(database: string): string;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startTargetCluster(): Promise<TargetCluster> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-bench-target-"));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
  const adminUrl = postgres.url;
  const password = randomBytes(12).toString("base64url");
  const roleUrl = (role: string, database: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  await withPgClient(adminUrl, async (c) => {
    await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    // pg_monitor: sees every session's activity and locks, and pg_stat_statements; reads nothing else.
    await c.query(`CREATE ROLE ${READER_ROLE} LOGIN PASSWORD '${password}' IN ROLE pg_monitor`);
    await c.query(`CREATE ROLE ${BASELINE_ROLE} LOGIN PASSWORD '${password}'`);
  });
  return {
    adminUrl,
    async createDatabase(name) {
      await withPgClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      await withPgClient(url.toString(), async (c) => {
        await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await c.query("CREATE TABLE bench_lock (id int PRIMARY KEY)");
      });
      return { adminUrl: url.toString(), readerUrl: roleUrl(READER_ROLE, name) };
    },
    baselineUrl: (database) => roleUrl(BASELINE_ROLE, database),
    query: (sql, params = []) => withPgClient(adminUrl, async (c) => (await c.query(sql, params)).rows),
    async stop() {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A deploying release watching `targetUrl` with Database signals for `metrics`, and a go/stop
 * criterion on the first. Sealed with the server's AUDIT_KEY, as "Add database" would.
 */
export async function createWatchedRelease(db: Db, auditKey: string, name: string, targetUrl: string, metrics = BUILTIN_METRICS) {
  const target = await db.targetDatabase.create({ data: { name, sealedUrl: seal(targetUrl, [deriveSealKey(auditKey)]) }, select: { id: true } });
  const release = await db.release.create({
    data: {
      title: `Bench ${name}`,
      status: "IN_PROGRESS",
      targetDatabaseId: target.id,
      signals: { create: metrics.map((m) => ({ key: m.key, name: m.name, unit: m.unit, source: "DATABASE" as const, dbMetric: m.key })) },
    },
    select: { id: true, signals: { select: { id: true, key: true } } },
  });
  const first = release.signals.find((s) => s.key === metrics[0]!.key)!;
  await db.criterion.create({ data: { releaseId: release.id, signalId: first.id, comparator: "GTE", warnThreshold: 1, stopThreshold: 5, position: 0 } });
  return { releaseId: release.id, criterionSignalId: first.id };
}
