import { describe, expect, it } from "vitest";
import { liveMarkers } from "@/lib/live/chart-markers";
import type { LiveAuditEvent } from "@/lib/live/events";

let next = 0;
const event = (action: string, at: string, after: unknown, actorLabel = "Alice"): LiveAuditEvent => ({
  id: String(++next),
  at,
  action,
  actorLabel,
  before: null,
  after,
});

describe("liveMarkers", () => {
  it("marks an auto-stop once, as the flip that turned the flag off", () => {
    // What lib/flags/auto-stop.ts writes: the flip, then the release pausing, milliseconds apart.
    const markers = liveMarkers([
      event("flag.changed", "2026-11-20T10:00:05.010Z", { enabled: false, reason: "Error rate 3 % > 2 % for 3 samples" }, "Switchback auto-stop"),
      event(
        "release.auto_stopped",
        "2026-11-20T10:00:05.014Z",
        { status: "PAUSED", flagChanged: true, reason: "Error rate 3 % > 2 % for 3 samples" },
        "Switchback auto-stop",
      ),
    ]);
    expect(markers).toEqual([{ at: Date.parse("2026-11-20T10:00:05.010Z"), kind: "flip", label: "flag off" }]);
  });

  it("marks decisions, applied flips and completed stages, and nothing that did not change the flag", () => {
    const markers = liveMarkers([
      event("decision.recorded", "2026-11-20T10:00:00.000Z", { verdict: "GO" }),
      event("flag.changed", "2026-11-20T10:00:01.000Z", { enabled: true }),
      event("flag.flip_failed", "2026-11-20T10:00:02.000Z", { enabled: false, error: "Unleash is down" }),
      event("release.auto_stopped", "2026-11-20T10:00:03.000Z", { status: "PAUSED", flagChanged: false, reason: "Error rate 3 %" }, "Switchback auto-stop"),
      event("stage.completed", "2026-11-20T10:00:04.000Z", { stage: "EXPAND" }),
      event("checklist.item_ticked", "2026-11-20T10:00:05.000Z", { text: "x" }),
    ]);
    expect(markers.map((m) => [m.kind, m.label])).toEqual([
      ["decision", "GO"],
      ["flip", "flag on"],
      ["stage", "expand done"],
    ]);
  });

  it("marks the backfill pausing and resuming, by hand or automatically", () => {
    const markers = liveMarkers([
      event(
        "backfill.paused",
        "2026-11-20T10:00:00.000Z",
        { paused: true, reason: "Replica lag 14 s > 10 s for 3 checks → backfill paused", auto: { criterionId: "c" } },
        "Switchback auto-pause",
      ),
      event("backfill.resumed", "2026-11-20T10:02:00.000Z", { paused: false, reason: null }),
      event("flag.converged", "2026-11-20T10:02:00.400Z", { enabled: false, elapsedMs: 400, consumers: [] }, "Switchback flag watcher"),
    ]);
    expect(markers).toEqual([
      { at: Date.parse("2026-11-20T10:00:00.000Z"), kind: "flip", label: "backfill paused" },
      { at: Date.parse("2026-11-20T10:02:00.000Z"), kind: "flip", label: "backfill resumed" },
    ]);
  });
});
