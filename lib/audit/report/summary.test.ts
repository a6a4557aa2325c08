import { describe, expect, it } from "vitest";
import { stageSentence, timelineSummary } from "@/lib/audit/report/summary";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";

const MIN = 60_000;

describe("stageSentence", () => {
  it("says how long each stage took, which is still running, and which never started", () => {
    const sentence = stageSentence([
      { kind: "EXPAND", state: "done", startedAt: T0, completedAt: T0 + 12 * MIN, ms: 12 * MIN },
      { kind: "MIGRATE", state: "active", startedAt: T0 + 12 * MIN, ms: 5 * MIN },
      { kind: "CONTRACT", state: "not started" },
    ]);
    expect(sentence).toBe("Expand took 12 min; Migrate is still active (5 min so far); Contract did not start.");
  });
});

describe("timelineSummary", () => {
  it("says only that the deploy has not started, before it has", () => {
    const lines = timelineSummary({
      status: "READY",
      finishedAt: null,
      events: [entry("release.created", T0)],
      durations: [],
      breachToOff: { kind: "not started" },
    });
    expect(lines).toEqual(["The deploy has not started.", "Status: Ready."]);
  });

  it("sums up decisions, flips, failures and auto-stops from the trail", () => {
    const events = [
      entry("release.deploy_started", T0),
      entry("decision.recorded", T0 + MIN, { after: { verdict: "GO" } }),
      entry("flag.flip_failed", T0 + 2 * MIN, { after: { enabled: false, error: "Unleash is down" } }),
      systemEntry("flag.changed", T0 + 3 * MIN, { enabled: false }),
      systemEntry("release.auto_stopped", T0 + 3 * MIN, { flagChanged: true }),
      entry("decision.recorded", T0 + 4 * MIN, { after: { verdict: "STOP" } }),
    ];
    const lines = timelineSummary({
      status: "ROLLED_BACK",
      finishedAt: null,
      events,
      durations: [{ kind: "EXPAND", state: "active", startedAt: T0, ms: 4 * MIN }],
      breachToOff: { kind: "no breach", firstOff: null },
    });
    expect(lines).toEqual([
      "Deploy started 2026-11-20 10:00:00 UTC by Alice.",
      "Expand is still active (4 min so far).",
      "2 decisions: 1 GO, 1 STOP.",
      "1 flag flip (1 off, 0 on); 1 failed attempt; auto-stop fired once.",
      "No stop breach.",
      "Status: Rolled back.",
    ]);
  });
});
