import { describe, expect, it } from "vitest";
import { criterionSchema } from "@/lib/releases/criterion-schema";

// The criterion's source is checked against the registry and its settings by the source's own
// config schema, with errors on the form field that holds them.

const base = {
  releaseId: "7d3c9a52-3a39-4c5e-9e0b-1d2f3a4b5c6d",
  signalName: "Error rate",
  signalKey: "error_rate",
  unit: "PERCENT",
  comparator: "GT",
  stopThreshold: "2",
  windowSeconds: 60,
};
const errorsOf = (input: Record<string, unknown>) =>
  criterionSchema.safeParse({ ...base, ...input }).error?.issues.map((issue) => [issue.path.join("."), issue.message]);

describe("a criterion's signal source", () => {
  it("takes a pushed signal with no settings", () => {
    expect(criterionSchema.parse({ ...base, source: "PUSH" })).toMatchObject({ source: "PUSH", promql: null, stopThreshold: 2 });
  });

  it("takes a Prometheus signal with its PromQL, trimmed", () => {
    expect(criterionSchema.parse({ ...base, source: "PROMETHEUS", promql: "  sum(rate(errors[1m]))  " })).toMatchObject({
      source: "PROMETHEUS",
      promql: "sum(rate(errors[1m]))",
    });
  });

  it.each([undefined, "", "   "])("asks for the PromQL of a Prometheus signal (%j)", (promql) => {
    expect(errorsOf({ source: "PROMETHEUS", promql })).toEqual([["promql", "Give the PromQL expression to poll"]]);
  });

  it("refuses a query over 2,000 characters", () => {
    expect(errorsOf({ source: "PROMETHEUS", promql: "x".repeat(2001) })).toEqual([["promql", "Keep the query under 2,000 characters"]]);
  });

  it("reports the source's errors next to the others", () => {
    expect(errorsOf({ source: "PROMETHEUS", signalName: "" })).toEqual([
      ["signalName", "Name the signal"],
      ["promql", "Give the PromQL expression to poll"],
    ]);
  });

  it.each(["DEMO", "GRAPHITE", undefined])("refuses a source people cannot choose (%s)", (source) => {
    expect(errorsOf({ source })).toEqual([["source", "Choose where the values come from"]]);
  });

  it("stores no query for a pushed signal", () => {
    expect(criterionSchema.parse({ ...base, source: "PUSH", promql: "up" }).promql).toBeNull();
  });
});

describe("a Database criterion", () => {
  const database = (input: Record<string, unknown>) => ({ ...base, source: "DATABASE", ...input });

  it("takes a built-in metric, with the metric's own unit and no query", () => {
    expect(criterionSchema.parse(database({ dbMetric: "lock_waits", unit: "PERCENT", dbSql: "SELECT 1" }))).toMatchObject({
      source: "DATABASE",
      dbMetric: "lock_waits",
      dbSql: null,
      promql: null,
      unit: "COUNT",
    });
    expect(criterionSchema.parse(database({ dbMetric: "connections_used", unit: "COUNT" })).unit).toBe("PERCENT");
    expect(criterionSchema.parse(database({ dbMetric: "replica_lag", unit: "COUNT" })).unit).toBe("SECONDS");
  });

  it.each(["", "locks", undefined])("asks which metric to read (%j)", (dbMetric) => {
    expect(errorsOf(database({ dbMetric }))).toEqual([["dbMetric", "Choose what to read from the target database"]]);
  });

  it("takes a SQL signal, trimmed, in the unit the person chose", () => {
    const sql = "SELECT 100.0 * count(*) FILTER (WHERE first_name IS NOT NULL) / greatest(count(*), 1) FROM users";
    expect(criterionSchema.parse(database({ dbMetric: "sql", dbSql: `  ${sql}\n` }))).toMatchObject({ dbMetric: "sql", dbSql: sql, unit: "PERCENT" });
  });

  it.each([undefined, "", "  "])("asks for the query of a SQL signal (%j)", (dbSql) => {
    expect(errorsOf(database({ dbMetric: "sql", dbSql }))).toEqual([["dbSql", "Write the SELECT that returns the number"]]);
  });

  it("refuses a query over 4,000 characters", () => {
    expect(errorsOf(database({ dbMetric: "sql", dbSql: `SELECT ${"1+".repeat(2000)}1` }))).toEqual([["dbSql", "Keep the query under 4,000 characters"]]);
  });

  it.each([
    ["UPDATE users SET full_name = NULL", "A SQL signal must be a SELECT; this is an UPDATE."],
    ["SELECT count(*) INTO copy FROM users", "SELECT … INTO creates a table; a SQL signal may only read."],
    ["SELECT 1; SELECT 2", "A SQL signal is one SELECT statement; this has 2 statements."],
    ["WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone", "Its WITH clause runs a DELETE; a SQL signal may only read."],
    ["SELECT count(*) FROM users FOR UPDATE", "FOR UPDATE and FOR SHARE take row locks; a SQL signal may only read."],
    ["SELECT count(*) FROM (SELECT id FROM users FOR SHARE) locked", "FOR UPDATE and FOR SHARE take row locks; a SQL signal may only read."],
    ["-- only a comment", "Write one SELECT that returns a number."],
    ["SELEC 1", 'The query does not parse at line 1, column 1: syntax error at or near "SELEC".'],
  ])("refuses %j with one sentence on the SQL field", (dbSql, sentence) => {
    expect(errorsOf(database({ dbMetric: "sql", dbSql }))).toEqual([["dbSql", sentence]]);
  });
});

describe("a criterion's automatic action", () => {
  it("turns the flag off unless told otherwise, as every criterion did before", () => {
    expect(criterionSchema.parse({ ...base, source: "PUSH" }).autoAction).toBe("TURN_FLAG_OFF");
  });

  it("may pause the backfill instead", () => {
    expect(criterionSchema.parse({ ...base, source: "PUSH", autoAction: "PAUSE_BACKFILL" }).autoAction).toBe("PAUSE_BACKFILL");
  });

  it("refuses an action it does not know", () => {
    expect(errorsOf({ source: "PUSH", autoAction: "PAGE_SOMEONE" })).toEqual([["autoAction", "Choose what happens automatically"]]);
  });

  it("asks a pause criterion for the stop threshold that pauses it", () => {
    expect(errorsOf({ source: "PUSH", autoAction: "PAUSE_BACKFILL", stopThreshold: "", warnThreshold: "1" })).toEqual([
      ["stopThreshold", "Give a stop threshold: the backfill pauses when it is breached"],
    ]);
  });
});
