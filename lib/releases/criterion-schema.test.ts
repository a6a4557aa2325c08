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
