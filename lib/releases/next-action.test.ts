import { describe, expect, it } from "vitest";
import { nextAction } from "@/lib/releases/next-action";

const check = (ok: boolean, label: string, href: string) => ({ ok, fix: { label, href } });

describe("the plan's next action", () => {
  it("points a draft at the first readiness check that fails, then at Mark ready", () => {
    const checks = [
      check(true, "Assign stage owners", "#stage-expand"),
      check(false, "Assign the runbook", "#runbook"),
      check(false, "Record a drill", "#drills"),
    ];
    expect(nextAction("r1", "DRAFT", checks)).toEqual({ text: "Next: assign the runbook", href: "#runbook" });
    expect(nextAction("r1", "DRAFT", [check(true, "x", "#x")])).toEqual({ text: "Next: mark the plan ready", href: "#readiness" });
  });

  it("sends a live release to its cockpit and an ended one to its report", () => {
    expect(nextAction("r1", "STOPPED", []).href).toBe("/releases/r1/cockpit");
    expect(nextAction("r1", "ROLLED_BACK", []).href).toBe("/releases/r1/audit/report");
  });
});
