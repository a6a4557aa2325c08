import type { CriterionSpec, SamplePoint } from "@/lib/signals/evaluate";

// Shared by evaluate.test.ts and evaluate-windows.test.ts (and the Prometheus poller's test): a
// fixed now, two criteria (one judged by GT, one by LT), and a series of samples at the criteria's
// 5 s interval.

export const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

export const errorRate: CriterionSpec = {
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

export const successRate: CriterionSpec = {
  ...errorRate,
  id: "c-success",
  signalKey: "success_rate",
  signalName: "Success rate",
  comparator: "LT",
  warnThreshold: 99.5,
  stopThreshold: 99,
};

// One sample per 5 s interval, the last one `endAgoMs` before NOW.
export function series(values: number[], endAgoMs = 0): SamplePoint[] {
  return values.map((value, i) => ({ at: NOW - endAgoMs - (values.length - 1 - i) * 5000, value }));
}
