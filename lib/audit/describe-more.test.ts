import { describe, expect, it } from "vitest";
import { describeEvent } from "@/lib/audit/describe";

// Incidents, notes, the review and account changes read as plain lines in the feed, timeline and report.
describe("incident, note and review events", () => {
  it("say what happened in the first ten minutes", () => {
    expect(describeEvent("incident.started", null, { trigger: "STOP", reason: "Error rate 3 %" })).toBe("started the first ten minutes (Stop): Error rate 3 %");
    expect(describeEvent("incident.step_ticked", null, { text: "Turn the feature flag off in Switchback", auto: true })).toBe(
      "read the flag OFF from the provider: “Turn the feature flag off in Switchback” is done",
    );
    expect(describeEvent("incident.step_ticked", null, { text: "Check lock waits" })).toBe("ticked “Check lock waits” in the first ten minutes");
    expect(describeEvent("incident.ended", null, { why: "Go", stepsDone: 5, steps: 8 })).toBe("ended the first ten minutes (Go): 5 of 8 steps done");
  });

  it("quote notes and name follow-up owners", () => {
    expect(describeEvent("note.added", null, { text: "Restarted worker-3" })).toBe("noted: Restarted worker-3");
    expect(describeEvent("review.follow_up_added", null, { text: "Batch the backfill", owner: "Lena Novak" })).toBe(
      "added the follow-up “Batch the backfill” for Lena Novak",
    );
  });
});

describe("account events", () => {
  it("name the account and the roles in words", () => {
    expect(describeEvent("user.role_changed", { email: "lena@example.com", role: "VIEWER" }, { email: "lena@example.com", role: "OPERATOR" })).toBe(
      "changed the role of lena@example.com from viewer to operator",
    );
    expect(describeEvent("user.disabled", null, { email: "lena@example.com", endedSessions: 2 })).toBe(
      "disabled the account lena@example.com and ended its 2 sessions",
    );
  });
});
