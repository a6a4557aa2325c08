import { describe, expect, it } from "vitest";
import { callLine, currentStage, flagWord, latestCall, statusWord, type LatestCall } from "@/lib/releases/state-line";

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00.000Z`);
const stop: LatestCall = { verdict: "STOP", actor: "Lena Novak", at: at("13:16"), reason: "error rate 3 % and climbing" };

describe("the state bar's words", () => {
  it("shouts the release status", () => {
    expect(statusWord("STOPPED")).toBe("STOPPED");
    expect(statusWord("IN_PROGRESS")).toBe("IN PROGRESS");
    expect(statusWord("ROLLED_BACK")).toBe("ROLLED BACK");
  });

  it("names the active stage, or says none is", () => {
    expect(
      currentStage([
        { kind: "EXPAND", status: "DONE" },
        { kind: "MIGRATE", status: "ACTIVE" },
        { kind: "CONTRACT", status: "PENDING" },
      ]),
    ).toBe("Migrate");
    expect(currentStage([{ kind: "EXPAND", status: "PENDING" }])).toBe("Not started");
    expect(
      currentStage([
        { kind: "EXPAND", status: "DONE" },
        { kind: "CONTRACT", status: "DONE" },
      ]),
    ).toBe("All stages done");
    expect(currentStage([])).toBe("Not started");
  });

  it("reads the flag as ON, OFF or UNKNOWN, never as a blank", () => {
    expect([true, false, null].map(flagWord)).toEqual(["ON", "OFF", "UNKNOWN"]);
  });

  it("says who made the latest call, when and why", () => {
    expect(callLine(stop)).toBe("STOPPED by Lena Novak 13:16 UTC — error rate 3 % and climbing");
    expect(callLine({ verdict: "GO", actor: "Sam Ito", at: at("09:05"), reason: " " })).toBe("GO by Sam Ito 09:05 UTC");
    expect(callLine({ verdict: "AUTO_STOP", actor: "Switchback auto-stop", at: at("10:00"), reason: "Error rate 4 %" })).toBe(
      "PAUSED by Switchback auto-stop 10:00 UTC — Error rate 4 %",
    );
    expect(callLine(null)).toBe("No go/stop call yet");
  });

  it("shortens a long reason to one line", () => {
    const line = callLine({ ...stop, reason: "x".repeat(400) });
    expect(line.endsWith("…")).toBe(true);
    expect(line.length).toBeLessThan(220);
  });

  it("takes the newer of the last decision and the last auto-stop", () => {
    const auto: LatestCall = { verdict: "AUTO_STOP", actor: "Switchback auto-stop", at: at("13:20"), reason: "Error rate 4 %" };
    expect(latestCall(stop, auto)).toBe(auto);
    expect(latestCall({ ...stop, at: at("13:30") }, auto)?.verdict).toBe("STOP");
    expect(latestCall(null, auto)).toBe(auto);
    expect(latestCall(stop, null)).toBe(stop);
    expect(latestCall(null, null)).toBeNull();
  });
});
