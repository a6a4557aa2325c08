import { describe, expect, it } from "vitest";
import { describeEvent } from "@/lib/audit/describe";

// The first ten minutes, notes and the review read as plain lines in the feed, timeline and report.
describe("incident, note and review events", () => {
  it("say what happened in the first ten minutes", () => {
    expect(describeEvent("incident.started", null, { trigger: "STOP", reason: "Error rate 3 %" })).toBe("started the first ten minutes (Stop): Error rate 3 %");
    expect(describeEvent("incident.step_ticked", null, { text: "Turn the feature flag off in Switchback", auto: true })).toBe("read the flag OFF from the provider: “Turn the feature flag off in Switchback” is done");
    expect(describeEvent("incident.step_ticked", null, { text: "Check lock waits" })).toBe("ticked “Check lock waits” in the first ten minutes");
    expect(describeEvent("incident.ended", null, { why: "Go", stepsDone: 5, steps: 8 })).toBe("ended the first ten minutes (Go): 5 of 8 steps done");
  });

  it("quote notes and name follow-up owners", () => {
    expect(describeEvent("note.added", null, { text: "Restarted worker-3" })).toBe("noted: Restarted worker-3");
    expect(describeEvent("review.follow_up_added", null, { text: "Batch the backfill", owner: "Lena Novak" })).toBe("added the follow-up “Batch the backfill” for Lena Novak");
  });
});
