import { describe, expect, it } from "vitest";
import { breachToOff, describeBreachToOff, firstBreach, type StopSpec } from "@/lib/audit/report/breach-to-off";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";

const errorRate: StopSpec = { signalKey: "error_rate", signalName: "Error rate", unit: "PERCENT", comparator: "GT", stopThreshold: 2 };
const successRate: StopSpec = { signalKey: "success_rate", signalName: "Success rate", unit: "PERCENT", comparator: "LT", stopThreshold: 99 };
const window = { from: T0, to: T0 + 600_000 };
const series = (values: number[], start = T0) => values.map((value, i) => ({ at: start + i * 5000, value }));
const off = (at: number) => entry("flag.changed", at, { after: { enabled: false, reason: "errors" } });

describe("firstBreach", () => {
  it("takes the earliest breaching sample across every criterion", () => {
    const breach = firstBreach([errorRate, successRate], { error_rate: series([1, 1, 3]), success_rate: series([99.5, 98]) }, window.from, window.to);
    expect(breach).toMatchObject({ at: T0 + 5000, value: 98, spec: { signalKey: "success_rate" } });
  });

  it("ignores samples before the deploy, non-finite values and criteria without a stop line", () => {
    const samples = {
      error_rate: [
        { at: T0 - 1000, value: 50 },
        { at: T0 + 1000, value: Number.NaN },
        { at: T0 + 2000, value: 0.5 },
      ],
    };
    expect(firstBreach([errorRate, { ...errorRate, stopThreshold: null }], samples, window.from, window.to)).toBeNull();
  });

  it("treats the threshold itself as a breach only for inclusive comparators", () => {
    const samples = { error_rate: series([2]) };
    expect(firstBreach([errorRate], samples, window.from, window.to)).toBeNull();
    expect(firstBreach([{ ...errorRate, comparator: "GTE" }], samples, window.from, window.to)).toMatchObject({ at: T0, value: 2 });
  });
});

describe("breachToOff", () => {
  const breaching = { error_rate: series([1, 3, 4]) };

  it("says the deploy has not started when there is no window", () => {
    expect(breachToOff([errorRate], breaching, [off(T0)], null)).toEqual({ kind: "not started" });
  });

  it("reports no breach, noting a flag turned off anyway", () => {
    expect(breachToOff([errorRate], { error_rate: series([1, 1]) }, [], window)).toEqual({ kind: "no breach", firstOff: null });
    const result = breachToOff([errorRate], { error_rate: series([1, 1]) }, [off(T0 + 9000)], window);
    expect(result).toMatchObject({ kind: "no breach", firstOff: { at: T0 + 9000, actorLabel: "Alice", automatic: false } });
  });

  it("reports a breach the flag never answered", () => {
    const result = breachToOff([errorRate], breaching, [entry("flag.changed", T0 + 9000, { after: { enabled: true } })], window);
    expect(result).toMatchObject({ kind: "never off", breach: { at: T0 + 5000, value: 3 } });
    expect(describeBreachToOff(result)).toBe("First stop breach: Error rate read 3 % (stop when > 2 %) at 2026-11-20 10:00:05 UTC. The flag never went off.");
  });

  it("does not count a flag-off from before the breach", () => {
    expect(breachToOff([errorRate], breaching, [off(T0 + 1000)], window)).toMatchObject({ kind: "never off" });
    expect(breachToOff([errorRate], breaching, [off(T0 + 1000), off(T0 + 65_000)], window)).toMatchObject({ kind: "stopped", ms: 60_000 });
  });

  it("measures to auto-stop when it changed the flag, and skips an auto-stop that could not", () => {
    const failed = systemEntry("release.auto_stopped", T0 + 20_000, { flagChanged: false, reason: "Error rate 3 %" });
    const applied = systemEntry("release.auto_stopped", T0 + 30_000, { flagChanged: true, reason: "Error rate 4 %" });
    const result = breachToOff([errorRate], breaching, [failed, applied], window);
    expect(result).toMatchObject({ kind: "stopped", ms: 25_000, off: { automatic: true, actorLabel: "Switchback auto-stop" } });
    expect(describeBreachToOff(result)).toContain("The flag went off 25 s later, at 2026-11-20 10:00:30 UTC, by Switchback auto-stop (automatic).");
  });

  it("counts a flag-off stamped at the very instant of the breach as zero time", () => {
    expect(breachToOff([errorRate], breaching, [off(T0 + 5000)], window)).toMatchObject({ kind: "stopped", ms: 0 });
  });

  it("takes the earliest flag-off whatever order the events arrive in", () => {
    expect(breachToOff([errorRate], breaching, [off(T0 + 90_000), off(T0 + 45_000)], window)).toMatchObject({ kind: "stopped", ms: 40_000 });
  });
});
