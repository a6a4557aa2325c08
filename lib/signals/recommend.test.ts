import { describe, expect, it } from "vitest";
import type { CriterionSpec, Evaluation } from "@/lib/signals/evaluate";
import { recommend } from "@/lib/signals/recommend";

function spec(id: string, signalName: string): CriterionSpec {
  return { id, signalKey: id, signalName, unit: "PERCENT", comparator: "GT", warnThreshold: 1, stopThreshold: 2, windowSeconds: 60, intervalSeconds: 5 };
}

function evaluation(criterionId: string, status: Evaluation["status"], reason: string, breaches: { stop?: number; warn?: number } = {}): Evaluation {
  return { criterionId, status, value: null, at: null, stopBreaches: breaches.stop ?? 0, warnBreaches: breaches.warn ?? 0, reason };
}

const specs = [spec("error", "Error rate"), spec("latency", "p95 latency"), spec("lag", "Replica lag"), spec("saturation", "CPU")];
const allOk = specs.map((s) => evaluation(s.id, "OK", `${s.signalName} within limits`));
const replace = (list: Evaluation[], ...changed: Evaluation[]) => list.map((e) => changed.find((c) => c.criterionId === e.criterionId) ?? e);

describe("recommend", () => {
  it("holds when no criteria are defined", () => {
    expect(recommend([], [])).toEqual({ verdict: "HOLD", reason: "No go/stop criteria defined" });
  });

  it("says GO when every criterion is OK", () => {
    expect(recommend(specs, allOk)).toEqual({ verdict: "GO", reason: "All 4 criteria OK" });
    expect(recommend(specs.slice(0, 1), allOk.slice(0, 1))).toEqual({ verdict: "GO", reason: "1 criterion OK" });
  });

  it("says GO with WARNs, listing what to watch, longest run first", () => {
    const evaluations = replace(
      allOk,
      evaluation("error", "WARN", "Error rate 1.5 % > 1 % (warn) for 1 sample", { warn: 1 }),
      evaluation("latency", "WARN", "p95 latency 650 ms > 600 ms (warn) for 2 samples", { warn: 2 }),
    );
    expect(recommend(specs, evaluations)).toEqual({
      verdict: "GO",
      reason: "No stop threshold crossed; watch: p95 latency 650 ms > 600 ms (warn) for 2 samples; Error rate 1.5 % > 1 % (warn) for 1 sample",
    });
  });

  it("says STOP with the STOP criterion's reason", () => {
    const evaluations = replace(allOk, evaluation("error", "STOP", "Error rate 4.1 % > 2 % for 3 samples", { stop: 3, warn: 3 }));
    expect(recommend(specs, evaluations)).toEqual({ verdict: "STOP", reason: "Error rate 4.1 % > 2 % for 3 samples" });
  });

  it("with several STOPs, leads with the longest breach and counts the rest", () => {
    const evaluations = replace(
      allOk,
      evaluation("error", "STOP", "Error rate 2.5 % > 2 % for 1 sample", { stop: 1 }),
      evaluation("latency", "STOP", "p95 latency 900 ms > 800 ms for 4 samples", { stop: 4 }),
    );
    expect(recommend(specs, evaluations)).toEqual({ verdict: "STOP", reason: "p95 latency 900 ms > 800 ms for 4 samples (and 1 more criterion at STOP)" });
    const three = replace(evaluations, evaluation("saturation", "STOP", "CPU 95 % > 90 % for 2 samples", { stop: 2 }));
    expect(recommend(specs, three).reason).toBe("p95 latency 900 ms > 800 ms for 4 samples (and 2 more criteria at STOP)");
  });

  it("STOP outranks stale data", () => {
    const evaluations = replace(
      allOk,
      evaluation("lag", "STALE", "No data for Replica lag yet"),
      evaluation("error", "STOP", "Error rate 4.1 % > 2 % for 3 samples", { stop: 3 }),
    );
    expect(recommend(specs, evaluations).verdict).toBe("STOP");
  });

  it("holds on stale data even when everything else is OK or WARN", () => {
    const evaluations = replace(
      allOk,
      evaluation("latency", "WARN", "p95 latency 650 ms > 600 ms (warn) for 2 samples", { warn: 2 }),
      evaluation("lag", "STALE", "No data for Replica lag for 14 s"),
    );
    expect(recommend(specs, evaluations)).toEqual({ verdict: "HOLD", reason: "Insufficient data: No data for Replica lag for 14 s" });
  });

  it("counts the other stale criteria", () => {
    const evaluations = replace(
      allOk,
      evaluation("lag", "STALE", "No data for Replica lag for 14 s"),
      evaluation("saturation", "STALE", "No data for CPU yet"),
    );
    expect(recommend(specs, evaluations)).toEqual({
      verdict: "HOLD",
      reason: "Insufficient data: No data for Replica lag for 14 s (and 1 more criterion stale)",
    });
  });

  it("treats a criterion without an evaluation as stale, never healthy", () => {
    expect(recommend(specs, allOk.slice(0, 3))).toEqual({ verdict: "HOLD", reason: "Insufficient data: No evaluation for CPU" });
  });

  it("ignores evaluations of criteria that are not in the spec list", () => {
    const stray = evaluation("removed", "STOP", "Old criterion 9 % > 2 % for 9 samples", { stop: 9 });
    expect(recommend(specs, [...allOk, stray])).toEqual({ verdict: "GO", reason: "All 4 criteria OK" });
  });

  // Old plans may hold the same signal twice (saving a duplicate is refused now): one signal is one vote.
  describe("with the same signal in two criteria", () => {
    const twice = [...specs, { ...spec("error-again", "Error rate"), signalKey: "error" }];
    const withTwin = (...changed: Evaluation[]) => replace([...allOk, evaluation("error-again", "OK", "Error rate within limits")], ...changed);

    it("counts it once when everything is OK", () => {
      expect(recommend(twice, withTwin())).toEqual({ verdict: "GO", reason: "All 4 criteria OK" });
    });

    it("counts it once at STOP, leading with its longer breach", () => {
      const evaluations = withTwin(
        evaluation("error", "STOP", "Error rate 4.1 % > 2 % for 3 samples", { stop: 3 }),
        evaluation("error-again", "STOP", "Error rate 4.1 % > 3 % for 2 samples", { stop: 2 }),
      );
      expect(recommend(twice, evaluations)).toEqual({ verdict: "STOP", reason: "Error rate 4.1 % > 2 % for 3 samples" });
    });

    it("lets its worse criterion speak for it, and counts it once when stale", () => {
      expect(recommend(twice, withTwin(evaluation("error-again", "STOP", "Error rate 4.1 % > 3 % for 2 samples", { stop: 2 })))).toEqual({
        verdict: "STOP",
        reason: "Error rate 4.1 % > 3 % for 2 samples",
      });
      const stale = withTwin(
        evaluation("error", "STALE", "No data for Error rate for 20 s"),
        evaluation("error-again", "STALE", "No data for Error rate for 20 s"),
      );
      expect(recommend(twice, stale)).toEqual({ verdict: "HOLD", reason: "Insufficient data: No data for Error rate for 20 s" });
    });
  });
});
