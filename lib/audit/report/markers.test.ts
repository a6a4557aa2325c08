import { describe, expect, it } from "vitest";
import { buildMarkers, markerKind } from "@/lib/audit/report/markers";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";

const window = { from: T0, to: T0 + 60_000 };

describe("buildMarkers", () => {
  it("makes one marker per event in range, in time order, with kind, who, what and why", () => {
    const markers = buildMarkers(
      [
        entry("flag.changed", T0 + 20_000, { after: { enabled: false, reason: "errors climbing" } }),
        entry("decision.recorded", T0 + 10_000, { after: { verdict: "STOP", reason: "errors climbing" } }),
        entry("release.created", T0 - 1, { after: { title: "x" } }),
        entry("stage.completed", T0 + 60_001, { after: { stage: "EXPAND" } }),
      ],
      window,
    );
    expect(markers.map((m) => [m.at, m.kind])).toEqual([
      [T0 + 10_000, "decision"],
      [T0 + 20_000, "flip"],
    ]);
    expect(markers[0]!.items[0]).toMatchObject({ actor: "Alice", what: "called STOP: errors climbing", why: null });
    expect(markers[1]!.items[0]).toMatchObject({ what: "turned the flag off", why: "errors climbing" });
    expect(markers[1]!.label).toBe("Flag flip at 10:00:20 UTC: Alice turned the flag off (why: errors climbing)");
  });

  it("shares one marker between events of the same instant, wearing the most telling kind", () => {
    const markers = buildMarkers(
      [
        systemEntry("release.auto_stopped", T0 + 5000, { flagChanged: true, reason: "Error rate 3 %", status: "PAUSED" }),
        systemEntry("flag.changed", T0 + 5000, { enabled: false, reason: "Error rate 3 %" }),
      ],
      window,
    );
    expect(markers).toHaveLength(1);
    expect(markers[0]!.kind).toBe("flip");
    expect(markers[0]!.items.map((i) => i.kind)).toEqual(["stage", "flip"]);
  });

  it("marks an auto-stop as one flip: its pause is a stage marker, not a second flip", () => {
    const markers = buildMarkers(
      [
        systemEntry("flag.changed", T0 + 5000, { enabled: false, reason: "Error rate 3 %" }),
        systemEntry("release.auto_stopped", T0 + 5004, { flagChanged: true, reason: "Error rate 3 %", status: "PAUSED" }),
      ],
      window,
    );
    expect(markers.map((m) => m.kind)).toEqual(["flip", "stage"]);
    expect(markers[0]!.label).toBe("Flag flip at 10:00:05 UTC: Switchback auto-stop turned the flag off (why: Error rate 3 %)");
  });

  it("includes events exactly at either end of the window and is empty without events", () => {
    expect(buildMarkers([entry("stage.completed", T0), entry("stage.completed", T0 + 60_000)], window)).toHaveLength(2);
    expect(buildMarkers([], window)).toEqual([]);
  });

  it("marks the backfill switch's flips with the reason of an automatic pause, and the flag watcher's word as other", () => {
    const reason = "Replica lag 14 s > 10 s for 3 checks → backfill paused";
    const markers = buildMarkers(
      [
        entry("backfill.paused", T0 + 1000, {
          actorType: "SYSTEM",
          actorId: null,
          actorLabel: "Switchback auto-pause",
          after: { paused: true, reason, auto: { criterionId: "c" } },
        }),
        entry("backfill.resumed", T0 + 9000, { after: { paused: false, reason: "Lag is back under 2 s" } }),
        entry("flag.converged", T0 + 9400, { actorLabel: "Switchback flag watcher", after: { enabled: false, elapsedMs: 400, consumers: [{}, {}] } }),
      ],
      window,
    );
    expect(markers.map((m) => m.label)).toEqual([
      `Flag flip at 10:00:01 UTC: Switchback auto-pause paused the backfill: ${reason}`,
      "Flag flip at 10:00:09 UTC: Alice resumed the backfill (why: Lag is back under 2 s)",
      "Other at 10:00:09 UTC: Switchback flag watcher saw all 2 consumers read OFF 0.4 s after the flip",
    ]);
  });

  it("sorts unknown and plan actions under other", () => {
    expect(markerKind("checklist.item_ticked")).toBe("other");
    expect(markerKind("auth.signed_in")).toBe("other");
    expect(markerKind("release.deploy_started")).toBe("stage");
  });
});
