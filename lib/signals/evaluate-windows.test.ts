import { describe, expect, it } from "vitest";
import { evaluateCriterion, type CriterionSpec } from "@/lib/signals/evaluate";
import { errorRate, NOW, series } from "@/lib/signals/evaluate-fixtures";

// Which samples evaluateCriterion judges: freshness (STALE), the window, NaN, clock skew, order.

describe("evaluateCriterion, stale data", () => {
  const lag: CriterionSpec = { ...errorRate, id: "c-lag", signalKey: "replica_lag", signalName: "Replica lag", unit: "SECONDS" };

  it("is STALE with no samples at all", () => {
    expect(evaluateCriterion(lag, [], NOW)).toEqual({
      criterionId: "c-lag",
      status: "STALE",
      value: null,
      at: null,
      stopBreaches: 0,
      warnBreaches: 0,
      reason: "No data for Replica lag yet",
    });
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
    const samples = [
      { at: NOW - 60_000, value: 9 },
      { at: NOW, value: 3 },
    ];
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
