import { describe, expect, it } from "vitest";
import { withFlagState, type Recommendation } from "@/lib/signals/recommend";

const go: Recommendation = { verdict: "GO", reason: "All 2 criteria OK" };
const stop: Recommendation = { verdict: "STOP", reason: "Error rate 3 % > 2 % for 3 samples" };
const hold: Recommendation = { verdict: "HOLD", reason: "Insufficient data: no samples for Error rate" };

describe("withFlagState", () => {
  it("never shows GO while the flag is off: it says the new path is off", () => {
    const shown = withFlagState(go, false);
    expect(shown.verdict).toBe("FLAG_OFF");
    expect(shown.reason).toMatch(/^The flag is off: everyone is on the old path/);
    expect(shown.reason).toContain("All 2 criteria OK");
  });

  it("keeps STOP and HOLD while the flag is off, and says the flag is already off", () => {
    expect(withFlagState(stop, false)).toEqual({
      verdict: "STOP",
      reason: "Error rate 3 % > 2 % for 3 samples. The flag is already off: everyone is on the old path",
    });
    expect(withFlagState(hold, false).verdict).toBe("HOLD");
  });

  it("leaves the recommendation alone while the flag is on or could not be read", () => {
    for (const recommendation of [go, stop, hold]) {
      expect(withFlagState(recommendation, true)).toEqual(recommendation);
      expect(withFlagState(recommendation, null)).toEqual(recommendation);
    }
  });
});
