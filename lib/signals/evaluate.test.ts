import { describe, expect, it } from "vitest";
import { evaluateAll, evaluateCriterion, type CriterionSpec } from "@/lib/signals/evaluate";
import { errorRate, NOW, series, successRate } from "@/lib/signals/evaluate-fixtures";

describe("evaluateCriterion, GT comparator", () => {
  it("is OK when the latest sample is within limits", () => {
    const e = evaluateCriterion(errorRate, series([3, 0.4]), NOW);
    expect(e).toEqual({
      criterionId: "c-error",
      status: "OK",
      value: 0.4,
      at: NOW,
      stopBreaches: 0,
      warnBreaches: 0,
      reason: "Error rate 0.4 % within limits",
    });
  });

  it("is WARN between the thresholds, counting the trailing warn run", () => {
    const latency: CriterionSpec = { ...errorRate, signalName: "p95 latency", unit: "MILLISECONDS", warnThreshold: 600, stopThreshold: 800 };
    const e = evaluateCriterion(latency, series([500, 640, 650]), NOW);
    expect(e.status).toBe("WARN");
    expect(e.warnBreaches).toBe(2);
    expect(e.stopBreaches).toBe(0);
    expect(e.reason).toBe("p95 latency 650 ms > 600 ms (warn) for 2 samples");
  });

  it("is STOP above the stop threshold; stop breaches also count as warn breaches numerically", () => {
    const e = evaluateCriterion(errorRate, series([0.2, 1.5, 2.5, 3, 4.1]), NOW);
    expect(e.status).toBe("STOP");
    expect(e.stopBreaches).toBe(3);
    expect(e.warnBreaches).toBe(4);
    expect(e.reason).toBe("Error rate 4.1 % > 2 % for 3 samples");
  });

  it("says 'for 1 sample' in the singular", () => {
    expect(evaluateCriterion(errorRate, series([0.5, 4.1]), NOW).reason).toBe("Error rate 4.1 % > 2 % for 1 sample");
  });

  it("counts only the trailing run: a non-breaching sample breaks it", () => {
    const e = evaluateCriterion(errorRate, series([3, 3, 0.5, 2.5, 4.1]), NOW);
    expect(e.stopBreaches).toBe(2);
    expect(e.warnBreaches).toBe(2);
  });

  it("treats the threshold itself as a breach only for GTE", () => {
    expect(evaluateCriterion(errorRate, series([2]), NOW).status).toBe("WARN");
    expect(evaluateCriterion({ ...errorRate, comparator: "GTE" }, series([2]), NOW)).toMatchObject({
      status: "STOP",
      reason: "Error rate 2 % ≥ 2 % for 1 sample",
    });
  });
});

describe("evaluateCriterion, LT comparator", () => {
  it("is OK above both thresholds", () => {
    expect(evaluateCriterion(successRate, series([99.8]), NOW)).toMatchObject({ status: "OK", reason: "Success rate 99.8 % within limits" });
  });

  it("is WARN below the warn threshold", () => {
    expect(evaluateCriterion(successRate, series([99.9, 99.2]), NOW)).toMatchObject({
      status: "WARN",
      warnBreaches: 1,
      reason: "Success rate 99.2 % < 99.5 % (warn) for 1 sample",
    });
  });

  it("is STOP below the stop threshold", () => {
    expect(evaluateCriterion(successRate, series([98.5, 98.5]), NOW)).toMatchObject({
      status: "STOP",
      stopBreaches: 2,
      warnBreaches: 2,
      reason: "Success rate 98.5 % < 99 % for 2 samples",
    });
  });

  it("treats the threshold itself as a breach only for LTE", () => {
    expect(evaluateCriterion(successRate, series([99]), NOW).status).toBe("WARN");
    expect(evaluateCriterion({ ...successRate, comparator: "LTE" }, series([99]), NOW)).toMatchObject({
      status: "STOP",
      reason: "Success rate 99 % ≤ 99 % for 1 sample",
    });
  });
});

describe("evaluateCriterion, null thresholds", () => {
  it("never breaches a null threshold", () => {
    const none = { ...errorRate, warnThreshold: null, stopThreshold: null };
    expect(evaluateCriterion(none, series([50, 90]), NOW)).toMatchObject({
      status: "OK",
      stopBreaches: 0,
      warnBreaches: 0,
      reason: "Error rate 90 % within limits",
    });
  });

  it("goes straight from OK to STOP without a warn threshold", () => {
    const stopOnly = { ...errorRate, warnThreshold: null };
    expect(evaluateCriterion(stopOnly, series([1.5]), NOW).status).toBe("OK");
    expect(evaluateCriterion(stopOnly, series([2.5]), NOW)).toMatchObject({ status: "STOP", warnBreaches: 0 });
  });
});

describe("evaluateAll", () => {
  it("evaluates each criterion on its own signal's samples and recommends", () => {
    const { evaluations, recommendation } = evaluateAll([errorRate, successRate], { error_rate: series([0.4]), success_rate: series([99.9]) }, NOW);
    expect(evaluations.map((e) => [e.criterionId, e.status])).toEqual([
      ["c-error", "OK"],
      ["c-success", "OK"],
    ]);
    expect(recommendation).toEqual({ verdict: "GO", reason: "All 2 criteria OK" });
  });

  it("treats a signal without samples as stale and holds", () => {
    const { evaluations, recommendation } = evaluateAll([errorRate, successRate], { error_rate: series([0.4]) }, NOW);
    expect(evaluations[1]).toMatchObject({ criterionId: "c-success", status: "STALE" });
    expect(recommendation).toEqual({ verdict: "HOLD", reason: "Insufficient data: No data for Success rate yet" });
  });
});
