import { describe, expect, it } from "vitest";
import { clockState, stepOffset } from "@/lib/incidents/clock";

const start = new Date("2026-12-01T13:16:00Z");
const at = (s: number) => new Date(start.getTime() + s * 1000);

describe("the first ten minutes' clock", () => {
  it("counts up from the start and says how much of the ten minutes is left", () => {
    expect(clockState(start, at(192))).toEqual({ elapsed: "03:12", over: false, summary: "06:48 left of the first ten minutes" });
  });

  it("keeps counting past ten minutes and says by how much", () => {
    expect(clockState(start, at(735))).toEqual({ elapsed: "12:15", over: true, summary: "02:15 past the first ten minutes" });
  });

  it("never runs backwards when the browser's clock is behind the server's", () => {
    expect(clockState(start, at(-5)).elapsed).toBe("00:00");
  });

  it("places each step on the clock and marks those done after the ten minutes", () => {
    expect(stepOffset(start, at(72))).toEqual({ label: "+01:12", late: false });
    expect(stepOffset(start, at(601))).toEqual({ label: "+10:01", late: true });
  });
});
