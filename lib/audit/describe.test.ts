import { describe, expect, it } from "vitest";
import { describeEvent, describeForFeed } from "@/lib/audit/describe";

const flip = (after: Record<string, unknown>) => describeForFeed("flag.changed", { enabled: !after.enabled }, after);

describe("describeForFeed", () => {
  it("adds a flip's reason to its one line in the feed", () => {
    expect(flip({ enabled: false, reason: "Checkout errors on the new path" })).toBe("turned the flag off: Checkout errors on the new path");
    expect(flip({ enabled: true })).toBe("turned the flag on");
    expect(describeForFeed("flag.on_requested", null, { reason: "Fix deployed" })).toBe(
      "asked to turn the flag on (four eyes: waiting for the backup or an admin): Fix deployed",
    );
    expect(describeForFeed("flag.flip_failed", null, { enabled: false, error: "Unleash timed out", reason: "errors" })).toBe(
      "tried to turn the flag off, but Unleash timed out: errors",
    );
  });

  it("reads a Stop's flip as part of the Stop, and says an auto-stop's breach", () => {
    expect(flip({ enabled: false, reason: "Stop: Error rate 3 %" })).toBe("turned the flag off as part of the Stop: Error rate 3 %");
    expect(flip({ enabled: false, reason: "Error rate 4.1 % > 2 % for 3 samples" })).toBe("turned the flag off: Error rate 4.1 % > 2 % for 3 samples");
  });

  it("does not repeat a four-eyes approval's own wording", () => {
    const after = { enabled: true, reason: "Four eyes: Ada asked, Bo approved", fourEyes: { requestedBy: "Ada" } };
    expect(flip(after)).toBe("turned the flag on (four eyes: approving Ada's request)");
  });

  it("leaves other events and the timeline's words as describeEvent says them", () => {
    const after = { status: "STOPPED", reason: "errors" };
    expect(describeForFeed("release.status_changed", { status: "IN_PROGRESS" }, after)).toBe(
      describeEvent("release.status_changed", { status: "IN_PROGRESS" }, after),
    );
    expect(describeEvent("flag.changed", null, { enabled: false, reason: "errors" })).toBe("turned the flag off");
  });
});

describe("describeEvent headlines for people", () => {
  it("names changed fields by their labels, with values in words", () => {
    expect(describeEvent("release.updated", { autoStopEnabled: false }, { autoStopEnabled: true })).toBe("changed Auto-stop: off → on");
    expect(describeEvent("release.updated", { deployStyle: "ROLLING", autoStopAfter: 3 }, { deployStyle: "BLUE_GREEN", autoStopAfter: 5 })).toBe(
      "changed Deploy style: Rolling → Blue-green; Auto-stop after: 3 breaches in a row → 5 breaches in a row",
    );
    expect(describeEvent("release.updated", { title: "Old", summary: "a" }, { title: "New", summary: "b" })).toBe("changed Title: “Old” → “New”; Summary");
  });

  it("keeps people's ids out of the headline", () => {
    const line = describeEvent(
      "release.updated",
      { decisionOwnerId: "6d1f1f7e-7d47-4f4f-9d3e-0f5e8c1b2a10" },
      { decisionOwnerId: "0b7f5d2e-2f7c-4b1e-8a7e-4c3c2d1b0a99" },
    );
    expect(line).toBe("changed Decision owner");
  });

  it("says a return to draft once, not as a changed status", () => {
    const line = describeEvent(
      "release.updated",
      { summary: "", status: "READY" },
      { summary: "Changed", status: "DRAFT", statusReason: "The plan changed after it was marked ready." },
    );
    expect(line).toBe("changed Summary (back to draft)");
  });

  it("puts an override's reason in the headline", () => {
    expect(
      describeEvent("release.status_changed", { status: "DRAFT" }, { status: "READY", lintOverrideReason: "Lock is brief on this table", lintErrors: 1 }),
    ).toBe("moved the release from draft to ready — override: Lock is brief on this table");
    expect(describeEvent("stage.updated", { stage: "MIGRATE", ownerId: "a" }, { stage: "MIGRATE", ownerId: "b", reassignReason: "Ada is ill" })).toBe(
      "edited Migrate: Owner — override: Ada is ill",
    );
    expect(describeEvent("stage.completed", { stage: "EXPAND" }, { stage: "EXPAND", nextStage: "MIGRATE", overrideReason: "Proof checked by hand" })).toBe(
      "completed Expand; Migrate is active — override: Proof checked by hand",
    );
  });

  it("says what changed in a criterion", () => {
    const before = { criterionId: "c1", signalName: "Error rate", comparator: "GT", stopThreshold: 2, windowSeconds: 60 };
    expect(describeEvent("criterion.updated", before, { ...before, stopThreshold: 3 })).toBe("changed the Error rate criterion: Stop threshold: 2 → 3");
  });
});

describe("the flag taking effect and the backfill switch", () => {
  it("says how fast a flip reached every consumer, or who still lags", () => {
    const consumers = [{ consumer: "a" }, { consumer: "b" }, { consumer: "c" }];
    expect(describeEvent("flag.converged", null, { enabled: false, elapsedMs: 412, consumers })).toBe("saw all 3 consumers read OFF 0.4 s after the flip");
    expect(describeEvent("flag.converged", null, { enabled: true, elapsedMs: 1500, consumers: consumers.slice(0, 1) })).toBe(
      "saw the only consumer read ON 1.5 s after the flip",
    );
    const reason = "60 s after the flip to OFF: api-worker-2 still on ON (last seen 40 s ago).";
    expect(describeEvent("flag.not_converged", null, { enabled: false, reason })).toBe(`could not confirm every consumer has the flip: ${reason}`);
  });

  it("gives an automatic pause its sentence, and a person's reason in the feed", () => {
    const auto = { paused: true, reason: "Replica lag 14 s > 10 s for 3 checks → backfill paused", auto: { criterionId: "c1" } };
    expect(describeEvent("backfill.paused", { paused: false }, auto)).toBe("paused the backfill: Replica lag 14 s > 10 s for 3 checks → backfill paused");
    expect(describeForFeed("backfill.paused", { paused: false }, auto)).toBe("paused the backfill: Replica lag 14 s > 10 s for 3 checks → backfill paused");
    expect(describeEvent("backfill.resumed", { paused: true }, { paused: false, reason: "Lag is back under 2 s" })).toBe("resumed the backfill");
    expect(describeForFeed("backfill.resumed", { paused: true }, { paused: false, reason: "Lag is back under 2 s" })).toBe(
      "resumed the backfill: Lag is back under 2 s",
    );
    expect(describeForFeed("backfill.paused", { paused: false }, { paused: true, reason: null })).toBe("paused the backfill");
  });
});
