import { describe, expect, it } from "vitest";
import { businessCycle } from "@/lib/proofs/cycle";
import { formatDuration } from "@/lib/proofs/format";
import { unreadLines } from "@/lib/proofs/lines";
import type { ProofState } from "@/lib/proofs/state";

const HOUR = 3_600_000;
const migrated = new Date("2026-11-20T10:00:00Z");

describe("the business cycle", () => {
  it("counts from Migrate's completion and says what remains, then when it passed", () => {
    expect(businessCycle(7, null, migrated).line).toBe("Counts from Migrate's completion (7-day business cycle).");
    const running = businessCycle(7, migrated, new Date(migrated.getTime() + (3 * 24 + 20) * HOUR));
    expect(running).toMatchObject({ passed: false, line: "3 d 4 h of the 7-day business cycle remain." });
    const passed = businessCycle(7, migrated.toISOString(), new Date(migrated.getTime() + 8 * 24 * HOUR));
    expect(passed).toMatchObject({ passed: true, line: "The 7-day business cycle passed on Nov 27, 2026, 10:00 UTC." });
    expect(businessCycle(0, migrated, migrated).passed).toBe(true);
  });

  it("says durations the way the lines do", () => {
    expect(formatDuration(30_000)).toBe("less than a minute");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
    expect(formatDuration(4 * HOUR + 12 * 60_000)).toBe("4 h 12 min");
    expect(formatDuration(3 * 24 * HOUR + 4 * HOUR + 59 * 60_000)).toBe("3 d 4 h");
  });
});

describe("the old-columns lines", () => {
  const state: ProofState = {
    available: true,
    checkedAt: migrated.toISOString(),
    since: migrated.toISOString(),
    baselineTakenAt: migrated.toISOString(),
    objects: [
      { name: "users.full_name", lastReadAt: null, statements: [] },
      {
        name: "users.nick",
        lastReadAt: migrated.toISOString(),
        statements: [
          { key: "1", query: "SELECT nick FROM users", calls: 12, reading: true },
          { key: "2", query: "UPDATE users SET nick = $1", calls: 3, reading: true },
        ],
      },
    ],
  };

  it("says how long nothing has read a column, or how many statements still do", () => {
    const lines = unreadLines(state, new Date(migrated.getTime() + 76 * HOUR));
    expect(lines.map((l) => [l.ok, l.line])).toEqual([
      [true, "No statement has read users.full_name for 3 d 4 h (since reads switched)."],
      [false, "2 statements still read users.nick."],
    ]);
  });
});
