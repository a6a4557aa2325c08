import { describe, expect, it } from "vitest";
import { evaluateAll, evaluateCriterion, type CriterionSpec, type SamplePoint } from "@/lib/signals/evaluate";

const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

const errorRate: CriterionSpec = {
  id: "c-error",
  signalKey: "error_rate",
  signalName: "Error rate",
  unit: "PERCENT",
  comparator: "GT",
  warnThreshold: 1,
  stopThreshold: 2,
  windowSeconds: 60,
  intervalSeconds: 5,
};

const successRate: CriterionSpec = {
  ...errorRate,
  id: "c-success",
  signalKey: "success_rate",
  signalName: "Success rate",
  comparator: "LT",
  warnThreshold: 99.5,
  stopThreshold: 99,
};

// One sample per 5 s interval, the last one `endAgoMs` before NOW.
function series(values: number[], endAgoMs = 0): SamplePoint[] {
  return values.map((value, i) => ({ at: NOW - endAgoMs - (values.length - 1 - i) * 5000, value }));
}

describe("evaluateCriterion, GT comparator", () => {
  it("is OK when the latest sample is within limits", () => {
    const e = evaluateCriterion(errorRate, series([3, 0.4]), NOW);
    expect(e).toEqual({ criterionId: "c-error", status: "OK", value: 0.4, at: NOW, stopBreaches: 0, warnBreaches: 0, reason: "Error rate 0.4 % within limits" });
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
    expect(evaluateCriterion({ ...errorRate, comparator: "GTE" }, series([2]), NOW)).toMatchObject({ status: "STOP", reason: "Error rate 2 % ≥ 2 % for 1 sample" });
  });
});

describe("evaluateCriterion, LT comparator", () => {
  it("is OK above both thresholds", () => {
    expect(evaluateCriterion(successRate, series([99.8]), NOW)).toMatchObject({ status: "OK", reason: "Success rate 99.8 % within limits" });
  });

  it("is WARN below the warn threshold", () => {
    expect(evaluateCriterion(successRate, series([99.9, 99.2]), NOW)).toMatchObject({ status: "WARN", warnBreaches: 1, reason: "Success rate 99.2 % < 99.5 % (warn) for 1 sample" });
  });

  it("is STOP below the stop threshold", () => {
    expect(evaluateCriterion(successRate, series([98.5, 98.5]), NOW)).toMatchObject({ status: "STOP", stopBreaches: 2, warnBreaches: 2, reason: "Success rate 98.5 % < 99 % for 2 samples" });
  });

  it("treats the threshold itself as a breach only for LTE", () => {
    expect(evaluateCriterion(successRate, series([99]), NOW).status).toBe("WARN");
    expect(evaluateCriterion({ ...successRate, comparator: "LTE" }, series([99]), NOW)).toMatchObject({ status: "STOP", reason: "Success rate 99 % ≤ 99 % for 1 sample" });
  });
});

describe("evaluateCriterion, null thresholds", () => {
  it("never breaches a null threshold", () => {
    const none = { ...errorRate, warnThreshold: null, stopThreshold: null };
    expect(evaluateCriterion(none, series([50, 90]), NOW)).toMatchObject({ status: "OK", stopBreaches: 0, warnBreaches: 0, reason: "Error rate 90 % within limits" });
  });

  it("goes straight from OK to STOP without a warn threshold", () => {
    const stopOnly = { ...errorRate, warnThreshold: null };
    expect(evaluateCriterion(stopOnly, series([1.5]), NOW).status).toBe("OK");
    expect(evaluateCriterion(stopOnly, series([2.5]), NOW)).toMatchObject({ status: "STOP", warnBreaches: 0 });
  });
});

describe("evaluateCriterion, stale data", () => {
  const lag: CriterionSpec = { ...errorRate, id: "c-lag", signalKey: "replica_lag", signalName: "Replica lag", unit: "SECONDS" };

  it("is STALE with no samples at all", () => {
    expect(evaluateCriterion(lag, [], NOW)).toEqual({ criterionId: "c-lag", status: "STALE", value: null, at: null, stopBreaches: 0, warnBreaches: 0, reason: "No data for Replica lag yet" });
  });

  it("is still fresh exactly two intervals after the latest sample, STALE one millisecond later", () => {
    expect(evaluateCriterion(lag, series([0.5], 10_000), NOW).status).toBe("OK");
    expect(evaluateCriterion(lag, series([0.5], 10_001), NOW).status).toBe("STALE");
  });

  it("says how long the data has been missing, and keeps the last value for display", () => {
    const e = evaluateCriterion(lag, series([0.5], 14_000), NOW);
    expect(e).toMatchObject({ status: "STALE", value: 0.5, at: NOW - 14_000, reason: "No data for Replica lag for 14 s" });
  });

  it("never reports a stale breach as STOP", () => {
    const e = evaluateCriterion(errorRate, series([4.1, 4.1, 4.1], 20_000), NOW);
    expect(e.status).toBe("STALE");
    expect(e.stopBreaches).toBe(3);
  });

  it("is STALE when the only valid samples are older than the window", () => {
    const e = evaluateCriterion(lag, series([0.5], 3 * 60_000), NOW);
    expect(e).toMatchObject({ status: "STALE", value: null, at: null, reason: "No data for Replica lag for 3 min" });
  });

  it("is STALE when the window holds only NaN and Infinity", () => {
    const e = evaluateCriterion(lag, series([Number.NaN, Number.POSITIVE_INFINITY, Number.NaN]), NOW);
    expect(e).toMatchObject({ status: "STALE", value: null, reason: "No data for Replica lag yet" });
  });

  it("skips a NaN latest sample and judges the older fresh valid one", () => {
    const e = evaluateCriterion(errorRate, series([4.1, 4.1, Number.NaN]), NOW);
    expect(e).toMatchObject({ status: "STOP", value: 4.1, at: NOW - 5000, stopBreaches: 2, reason: "Error rate 4.1 % > 2 % for 2 samples" });
  });

  it("is STALE when NaN hides that the last valid sample is too old", () => {
    const samples = [...series([0.5], 15_000), ...series([Number.NaN, Number.NaN])];
    expect(evaluateCriterion(errorRate, samples, NOW)).toMatchObject({ status: "STALE", reason: "No data for Error rate for 15 s" });
  });
});

describe("evaluateCriterion, which samples count", () => {
  it("ignores samples before the window", () => {
    const samples = [{ at: NOW - 60_001, value: 9 }, ...series([3, 3])];
    expect(evaluateCriterion(errorRate, samples, NOW).stopBreaches).toBe(2);
  });

  it("counts a sample exactly at the window start", () => {
    const samples = [{ at: NOW - 60_000, value: 9 }, { at: NOW, value: 3 }];
    expect(evaluateCriterion(errorRate, samples, NOW).stopBreaches).toBe(2);
  });

  it("ignores samples from the future beyond 1 s of clock skew", () => {
    const samples = [...series([0.4]), { at: NOW + 1001, value: 9 }];
    expect(evaluateCriterion(errorRate, samples, NOW)).toMatchObject({ status: "OK", value: 0.4, at: NOW });
  });

  it("accepts a sample up to 1 s ahead of now", () => {
    const samples = [...series([0.4]), { at: NOW + 1000, value: 9 }];
    expect(evaluateCriterion(errorRate, samples, NOW)).toMatchObject({ status: "STOP", value: 9, at: NOW + 1000 });
  });

  it("sorts unsorted input by time without mutating it", () => {
    const samples = series([0.2, 3, 4.1]).reverse();
    const before = structuredClone(samples);
    expect(evaluateCriterion(errorRate, samples, NOW)).toMatchObject({ status: "STOP", value: 4.1, stopBreaches: 2 });
    expect(samples).toEqual(before);
  });
});

describe("evaluateAll", () => {
  it("evaluates each criterion on its own signal's samples and recommends", () => {
    const { evaluations, recommendation } = evaluateAll([errorRate, successRate], { error_rate: series([0.4]), success_rate: series([99.9]) }, NOW);
    expect(evaluations.map((e) => [e.criterionId, e.status])).toEqual([["c-error", "OK"], ["c-success", "OK"]]);
    expect(recommendation).toEqual({ verdict: "GO", reason: "All 2 criteria OK" });
  });

  it("treats a signal without samples as stale and holds", () => {
    const { evaluations, recommendation } = evaluateAll([errorRate, successRate], { error_rate: series([0.4]) }, NOW);
    expect(evaluations[1]).toMatchObject({ criterionId: "c-success", status: "STALE" });
    expect(recommendation).toEqual({ verdict: "HOLD", reason: "Insufficient data: No data for Success rate yet" });
  });
});
