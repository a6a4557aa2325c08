import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// SAMPLE_RETENTION_DAYS as an operator writes it: days after a release finishes, or "off".
describe("SAMPLE_RETENTION_DAYS", () => {
  it("defaults to 30 days, takes whole days, and 'off' keeps raw samples forever", () => {
    expect(parseEnv({}).SAMPLE_RETENTION_DAYS).toBe(30);
    expect(parseEnv({ SAMPLE_RETENTION_DAYS: "" }).SAMPLE_RETENTION_DAYS).toBe(30);
    expect(parseEnv({ SAMPLE_RETENTION_DAYS: " 90 " }).SAMPLE_RETENTION_DAYS).toBe(90);
    expect(parseEnv({ SAMPLE_RETENTION_DAYS: "off" }).SAMPLE_RETENTION_DAYS).toBeNull();
  });

  it("refuses 0, fractions and words with a sentence that says what it wants", () => {
    for (const value of ["0", "1.5", "-3", "never"]) {
      expect(() => parseEnv({ SAMPLE_RETENTION_DAYS: value })).toThrow(
        `SAMPLE_RETENTION_DAYS must be a whole number of days (at least 1), or off (got "${value}")`,
      );
    }
  });
});
