import { z } from "@/lib/input/zod";
import type { ConfigField, ConfigOption, SourceCatalogEntry } from "@/lib/signals/sources/types";

// What a Database signal needs: one of the built-in metrics of the release's target database, or
// "sql" and a query that returns one number. Browser-safe: that the query is exactly one SELECT is
// checked by the real parser on the server (sql-signal.ts), which cannot load in the browser.

export const DB_METRIC_KEYS = ["lock_waits", "longest_transaction", "longest_query", "replica_lag", "connections_used", "deadlocks"] as const;
export type DbMetricKey = (typeof DB_METRIC_KEYS)[number];
export const SQL_METRIC = "sql";

// Labels and units of the built-in metrics, as the form offers them; the unit follows the metric.
export const DB_METRIC_OPTIONS: readonly ConfigOption[] = [
  { value: "lock_waits", label: "Lock waits", unit: "COUNT" },
  { value: "longest_transaction", label: "Longest transaction", unit: "SECONDS" },
  { value: "longest_query", label: "Longest query", unit: "SECONDS" },
  { value: "replica_lag", label: "Replica lag", unit: "SECONDS" },
  { value: "connections_used", label: "Connections used", unit: "PERCENT" },
  { value: "deadlocks", label: "Deadlocks", unit: "COUNT" },
  { value: SQL_METRIC, label: "SQL query (one number)" },
];

export const DB_SQL_MAX = 4000;

// A Database signal's lastError while its release names no target: set by the criterion save and
// the details edit, since the watcher only sees releases that have one.
export const NO_TARGET = "This release has no target database; choose one in the release details.";

// Input arrives as the form sends it (dbSql left out while a built-in metric is chosen); a
// built-in metric stores no query.
export const databaseConfig = z
  .object({
    dbMetric: z.enum([...DB_METRIC_KEYS, SQL_METRIC], "Choose what to read from the target database"),
    dbSql: z
      .string("Write the SELECT that returns the number")
      .trim()
      .max(DB_SQL_MAX, "Keep the query under 4,000 characters")
      .nullish()
      .transform((sql) => sql || null),
  })
  .superRefine((value, ctx) => {
    if (value.dbMetric === SQL_METRIC && !value.dbSql) ctx.addIssue({ code: "custom", path: ["dbSql"], message: "Write the SELECT that returns the number" });
  })
  .overwrite((value) => (value.dbMetric === SQL_METRIC ? value : { ...value, dbSql: null }));

export const databaseFields: readonly ConfigField[] = [
  { name: "dbMetric", label: "Reads", input: "select", options: DB_METRIC_OPTIONS },
  {
    name: "dbSql",
    label: "SQL",
    input: "sql",
    hint: "One read-only SELECT returning exactly one number, e.g. SELECT count(*) FROM users WHERE full_name IS NULL.",
    shownWhen: { field: "dbMetric", equals: SQL_METRIC },
  },
];

export const databaseCatalog: SourceCatalogEntry = {
  kind: "DATABASE",
  label: "Target database",
  tag: "Database",
  selectable: true,
  needsTarget: true,
  config: databaseConfig,
  fields: databaseFields,
};
