import { describe, expect, it } from "vitest";
import { describeEvent, describeForFeed } from "@/lib/audit/describe";

const flip = (after: Record<string, unknown>) => describeForFeed("flag.changed", { enabled: !after.enabled }, after);

describe("describeForFeed", () => {
  it("adds a flip's reason to its one line in the feed", () => {
    expect(flip({ enabled: false, reason: "Checkout errors on the new path" })).toBe("turned the flag off: Checkout errors on the new path");
    expect(flip({ enabled: true })).toBe("turned the flag on");
    expect(describeForFeed("flag.on_requested", null, { reason: "Fix deployed" })).toBe("asked to turn the flag on (four eyes: waiting for the backup or an admin): Fix deployed");
    expect(describeForFeed("flag.flip_failed", null, { enabled: false, error: "Unleash timed out", reason: "errors" })).toBe("tried to turn the flag off, but Unleash timed out: errors");
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
    expect(describeForFeed("release.status_changed", { status: "IN_PROGRESS" }, after)).toBe(describeEvent("release.status_changed", { status: "IN_PROGRESS" }, after));
    expect(describeEvent("flag.changed", null, { enabled: false, reason: "errors" })).toBe("turned the flag off");
  });
});
