import { describe, expect, it } from "vitest";
import { actorOptions, countByKind, eventKind, exportHref, filterEvents, parseKind } from "@/lib/audit/report/kinds";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";

describe("eventKind", () => {
  it.each([
    ["decision.recorded", "decisions"],
    ["flag.changed", "flips"],
    ["flag.flip_failed", "flips"],
    ["release.auto_stopped", "flips"],
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
    expect(filterEvents(events, { kind: "flips", actor: null }).map((e) => e.action)).toEqual(["flag.changed", "release.auto_stopped"]);
    expect(filterEvents(events, { kind: "all", actor: "u-alice" }).map((e) => e.action)).toEqual(["release.deploy_started", "checklist.item_ticked"]);
    expect(filterEvents(events, { kind: "flips", actor: "system:Switchback auto-stop" })).toHaveLength(2);
    expect(filterEvents(events, { kind: "decisions", actor: "u-alice" })).toEqual([]);
  });

  it("counts every kind, zero included", () => {
    expect(countByKind(events)).toEqual({ all: 5, decisions: 1, flips: 2, stages: 1, plan: 0, checklist: 1, other: 0 });
  });

  it("offers each actor once, system actors marked as such", () => {
    expect(actorOptions(events)).toEqual([
      { key: "u-alice", label: "Alice", count: 2 },
      { key: "u-bob", label: "Bob", count: 1 },
      { key: "system:Switchback auto-stop", label: "Switchback auto-stop (system)", count: 2 },
    ]);
  });
});

describe("exportHref", () => {
  it("carries the release, a person and a single-action kind", () => {
    expect(exportHref("csv", "r1", { kind: "decisions", actor: "u-bob" })).toBe("/api/v1/audit/export?format=csv&release=r1&actor=u-bob&action=decision.recorded");
  });

  it("names a system actor by its label and drops a kind of several actions", () => {
    expect(exportHref("json", "r1", { kind: "flips", actor: "system:Switchback auto-stop" })).toBe("/api/v1/audit/export?format=json&release=r1&actor=Switchback+auto-stop");
  });
});
