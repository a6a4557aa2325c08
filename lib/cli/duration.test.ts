import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "@/lib/cli/duration";
import { MAX_WAIT_PER_REQUEST_S, requestWait } from "@/lib/cli/commands/gate";

describe("--wait durations", () => {
  it("reads plain seconds and one unit of s, m or h", () => {
    expect(["900", "90s", "15m", "1h", "0", " 2H "].map(parseDuration)).toEqual([900, 90, 900, 3600, 0, 7200]);
  });

  it("refuses anything else and names the forms it accepts", () => {
    for (const text of ["", "15 minutes", "1.5h", "-5", "1h30m", "m"]) {
      expect(() => parseDuration(text)).toThrow(/write seconds \(900\) or a number with s, m or h/);
    }
  });

  it("prints a duration the way it was probably written", () => {
    expect([900, 3600, 90, 7, 5400].map(formatDuration)).toEqual(["15m", "1h", "90s", "7s", "90m"]);
  });
});

describe("the gate's long poll", () => {
  it("asks the server to wait for the time left, at most one request's worth, never less than 0", () => {
    expect(requestWait(15_000)).toBe(15);
    expect(requestWait(1_200)).toBe(2);
    expect(requestWait(3_600_000)).toBe(MAX_WAIT_PER_REQUEST_S);
    expect(requestWait(-500)).toBe(0);
  });
});
