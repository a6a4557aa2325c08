import { describe, expect, it } from "vitest";
import { readSnapshot } from "@/lib/audit/report/snapshot";

describe("readSnapshot", () => {
  it("reads each signal's value and status at the instant of the decision", () => {
    const view = readSnapshot({
      at: "2026-11-20T10:05:00.000Z",
      recommendation: { verdict: "STOP", reason: "Error rate 3 % > 2 %" },
      signals: [
        { key: "error_rate", name: "Error rate", unit: "PERCENT", value: 3, status: "STOP", reason: "Error rate 3 % > 2 % for 1 sample" },
        { key: "queue", name: "Queue depth", unit: "COUNT", value: null, status: null, reason: null },
      ],
    });
    expect(view).toEqual({
      at: "2026-11-20T10:05:00.000Z",
      recommendation: "STOP: Error rate 3 % > 2 %",
      rows: [
        { key: "error_rate", name: "Error rate", value: "3 %", status: "STOP", reason: "Error rate 3 % > 2 % for 1 sample" },
        { key: "queue", name: "Queue depth", value: "no data", status: "no criterion", reason: null },
      ],
    });
  });

  it("reads a malformed or empty snapshot as unknown instead of failing", () => {
    expect(readSnapshot(null)).toEqual({ at: null, recommendation: null, rows: [] });
    expect(readSnapshot({ signals: [{ value: 5, unit: "FURLONGS" }] }).rows).toEqual([
      { key: "signal-0", name: "Unnamed signal", value: "5", status: "no criterion", reason: null },
    ]);
  });
});
