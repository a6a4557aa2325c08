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

  it("sorts unknown and plan actions under other", () => {
    expect(markerKind("checklist.item_ticked")).toBe("other");
    expect(markerKind("auth.signed_in")).toBe("other");
    expect(markerKind("release.deploy_started")).toBe("stage");
  });
});
