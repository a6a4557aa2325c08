import { describe, expect, it } from "vitest";
import { deployWindow, formatDuration, stageDurations } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { T0 } from "@/lib/audit/report/fixtures";

const MIN = 60_000;

describe("stageDurations", () => {
  it("measures done stages, runs the active one up to now, and leaves the rest unstarted", () => {
    const stages = [
      { kind: "EXPAND", startedAt: T0, completedAt: T0 + 12 * MIN },
      { kind: "MIGRATE", startedAt: T0 + 12 * MIN, completedAt: null },
      { kind: "CONTRACT", startedAt: null, completedAt: null },
    ];
    expect(stageDurations(stages, T0 + 20 * MIN)).toEqual([
      { kind: "EXPAND", state: "done", startedAt: T0, completedAt: T0 + 12 * MIN, ms: 12 * MIN },
      { kind: "MIGRATE", state: "active", startedAt: T0 + 12 * MIN, ms: 8 * MIN },
      { kind: "CONTRACT", state: "not started" },
    ]);
  });

  it("gives zero for identical timestamps and for a completion stamped before its start", () => {
    const [same, skewed] = stageDurations(
      [
        { kind: "EXPAND", startedAt: T0, completedAt: T0 },
        { kind: "MIGRATE", startedAt: T0 + MIN, completedAt: T0 },
      ],
      T0,
    );
    expect(same).toMatchObject({ state: "done", ms: 0 });
    expect(skewed).toMatchObject({ state: "done", ms: 0 });
  });

  it("knows a completed stage without a recorded start has no length", () => {
    expect(stageDurations([{ kind: "EXPAND", startedAt: null, completedAt: T0 }], T0)).toEqual([
      { kind: "EXPAND", state: "done", startedAt: null, completedAt: T0, ms: null },
    ]);
  });
});

describe("deployWindow", () => {
  it("is absent before the deploy starts", () => {
    expect(deployWindow({ status: "READY", startedAt: null, finishedAt: null }, T0, T0)).toBeNull();
  });

  it("runs to the finish, to the last event of a rolled-back release, or to now", () => {
    expect(deployWindow({ status: "COMPLETED", startedAt: T0, finishedAt: T0 + MIN }, T0 + 5 * MIN, T0 + 9 * MIN)).toEqual({ from: T0, to: T0 + MIN });
    expect(deployWindow({ status: "ROLLED_BACK", startedAt: T0, finishedAt: null }, T0 + 5 * MIN, T0 + 9 * MIN)).toEqual({ from: T0, to: T0 + 5 * MIN });
    expect(deployWindow({ status: "IN_PROGRESS", startedAt: T0, finishedAt: null }, T0 + 5 * MIN, T0 + 9 * MIN)).toEqual({ from: T0, to: T0 + 9 * MIN });
  });

  it("never has zero length", () => {
    expect(deployWindow({ status: "COMPLETED", startedAt: T0, finishedAt: T0 }, null, T0)).toEqual({ from: T0, to: T0 + 1000 });
  });
});

describe("formatting", () => {
  it.each([
    [0, "0 s"],
    [59_999, "59 s"],
    [60_000, "1 min"],
    [95_000, "1 min 35 s"],
    [3_600_000, "1 h"],
    [3_660_000, "1 h 1 min"],
    [50 * 3_600_000, "2 d 2 h"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows instants to the second in UTC", () => {
    expect(formatInstant(T0 + 5_250)).toBe("2026-11-20 10:00:05 UTC");
  });
});
