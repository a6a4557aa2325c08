import { describe, expect, it } from "vitest";
import { reapply } from "@/lib/releases/reapply";

const opened = { title: "Split names", summary: "Old summary", deployStyle: "ROLLING", autoStopAfter: "3" };

describe("reload and reapply", () => {
  it("keeps what I changed, takes what they changed, and names their fields", () => {
    const mine = { ...opened, title: "Split full_name" };
    const latest = { ...opened, summary: "Their summary", deployStyle: "CANARY" };
    expect(reapply(opened, mine, latest)).toEqual({
      values: { title: "Split full_name", summary: "Their summary", deployStyle: "CANARY", autoStopAfter: "3" },
      theirs: ["summary", "deployStyle"],
      both: [],
    });
  });

  it("says where both changed the same field, and that mine replaces theirs", () => {
    const result = reapply(opened, { ...opened, summary: "Mine" }, { ...opened, summary: "Theirs" });
    expect(result.values.summary).toBe("Mine");
    expect(result.both).toEqual(["summary"]);
    expect(result.theirs).toEqual([]);
  });

  it("does not count a field both set to the same value as a clash", () => {
    expect(reapply(opened, { ...opened, autoStopAfter: "5" }, { ...opened, autoStopAfter: "5" })).toMatchObject({ theirs: ["autoStopAfter"], both: [] });
  });
});
