import { describe, expect, it } from "vitest";
import { actorOptions, countByKind, eventKind, exportHref, filterEvents, flipRecords, parseKind } from "@/lib/audit/report/kinds";
import { timelineSummary } from "@/lib/audit/report/summary";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";

describe("eventKind", () => {
  it.each([
    ["decision.recorded", "decisions"],
    ["flag.changed", "flips"],
    ["flag.flip_failed", "flips"],
    ["flag.converged", "flips"],
    ["backfill.paused", "flips"],
    ["backfill.resumed", "flips"],
    ["release.auto_stopped", "stages"],
    ["release.deploy_started", "stages"],
    ["stage.completed", "stages"],
    ["release.status_changed", "stages"],
    ["release.auto_stop_acknowledged", "stages"],
    ["stage.updated", "plan"],
    ["criterion.removed", "plan"],
    ["runbook.role_assigned", "plan"],
    ["release.created", "plan"],
    ["checklist.item_ticked", "checklist"],
    ["checklist.item_added", "checklist"],
    ["auth.signed_in", "other"],
    ["token.created", "other"],
    ["something.new", "other"],
  ])("puts %s under %s", (action, kind) => {
    expect(eventKind(action)).toBe(kind);
  });
});

describe("parseKind", () => {
  it("accepts the known kinds and falls back to all", () => {
    expect(parseKind("flips")).toBe("flips");
    expect(parseKind(["stages", "plan"])).toBe("stages");
    expect(parseKind(undefined)).toBe("all");
    expect(parseKind("constructor")).toBe("all");
  });
});

const events = [
  entry("release.deploy_started", T0),
  entry("decision.recorded", T0 + 1000, { actorId: "u-bob", actorLabel: "Bob", after: { verdict: "GO" } }),
  systemEntry("flag.changed", T0 + 2000, { enabled: false }),
  systemEntry("release.auto_stopped", T0 + 2000, { flagChanged: true }),
  entry("checklist.item_ticked", T0 + 3000),
];

describe("filtering", () => {
  it("filters by kind and by actor together", () => {
    expect(filterEvents(events, { kind: "flips", actor: null }).map((e) => e.action)).toEqual(["flag.changed"]);
    expect(filterEvents(events, { kind: "all", actor: "u-alice" }).map((e) => e.action)).toEqual(["release.deploy_started", "checklist.item_ticked"]);
    expect(filterEvents(events, { kind: "flips", actor: "system:Switchback auto-stop" })).toHaveLength(1);
    expect(filterEvents(events, { kind: "decisions", actor: "u-alice" })).toEqual([]);
  });

  it("counts every kind, zero included", () => {
    expect(countByKind(events)).toEqual({ all: 5, decisions: 1, flips: 1, stages: 2, plan: 0, checklist: 1, other: 0 });
  });

  it("offers each actor once, system actors marked as such", () => {
    expect(actorOptions(events)).toEqual([
      { key: "u-alice", label: "Alice", count: 2 },
      { key: "u-bob", label: "Bob", count: 1 },
      { key: "system:Switchback auto-stop", label: "Switchback auto-stop (system)", count: 2 },
    ]);
  });
});

describe("flipRecords", () => {
  // As lib/flags/auto-stop.ts writes them: the flip (or its failed attempt), then the release
  // pausing. Four flips by people and one auto-stop were once "4 flag flips" above five rows.
  const deploy = [
    entry("release.deploy_started", T0),
    ...[false, true, false, true].map((enabled, i) => entry("flag.changed", T0 + (i + 1) * 1000, { after: { enabled } })),
    entry("flag.on_requested", T0 + 5000, { after: { requestedBy: "Alice" } }),
    systemEntry("flag.changed", T0 + 6000, { enabled: false, reason: "Error rate 3 % > 2 % for 3 samples" }),
    systemEntry("release.auto_stopped", T0 + 6004, { status: "PAUSED", flagChanged: true, reason: "Error rate 3 % > 2 % for 3 samples" }),
    systemEntry("flag.flip_failed", T0 + 9000, { enabled: false, error: "Unleash is down" }),
    systemEntry("release.auto_stopped", T0 + 9004, { status: "PAUSED", flagChanged: false, error: "Unleash is down" }),
  ];

  it("lists each flip attempt once, an auto-stop's included, and no request to flip", () => {
    expect(flipRecords(deploy).map((e) => [e.action, e.at - T0])).toEqual([
      ["flag.changed", 1000],
      ["flag.changed", 2000],
      ["flag.changed", 3000],
      ["flag.changed", 4000],
      ["flag.changed", 6000],
      ["flag.flip_failed", 9000],
    ]);
  });

  it("agrees with the report's summary: its counts add up to the table's rows", () => {
    const [, , , flips] = timelineSummary({
      status: "PAUSED",
      finishedAt: null,
      events: deploy,
      durations: [],
      breachToOff: { kind: "no breach", firstOff: null },
    });
    expect(flips).toBe("5 flag flips (3 off, 2 on); 1 failed attempt; auto-stop fired 2 times.");
    expect(flipRecords(deploy)).toHaveLength(5 + 1);
  });
});

describe("exportHref", () => {
  it("carries the release, a person and a single-action kind", () => {
    expect(exportHref("csv", "r1", { kind: "decisions", actor: "u-bob" })).toBe(
      "/api/v1/audit/export?format=csv&release=r1&actor=u-bob&action=decision.recorded",
    );
  });

  it("names a system actor by its label and drops a kind of several actions", () => {
    expect(exportHref("json", "r1", { kind: "flips", actor: "system:Switchback auto-stop" })).toBe(
      "/api/v1/audit/export?format=json&release=r1&actor=Switchback+auto-stop",
    );
  });
});
