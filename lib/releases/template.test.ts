import { describe, expect, it } from "vitest";
import { STAGE_CHECKLIST, STAGE_ORDER, stageChecklist, STYLE_CHECKLIST, type DeployStyleName } from "@/lib/releases/template";

const STYLES = Object.keys(STYLE_CHECKLIST) as DeployStyleName[];
const texts = (style: DeployStyleName, stage: (typeof STAGE_ORDER)[number]) => stageChecklist(stage, style).map((item) => item.text);

describe("the checklist of a stage under a deploy style", () => {
  it("is the practice first, then the style's own items", () => {
    for (const style of STYLES) {
      for (const stage of STAGE_ORDER) {
        expect(stageChecklist(stage, style)).toEqual([...STAGE_CHECKLIST[stage], ...STYLE_CHECKLIST[style][stage]]);
      }
    }
  });

  it("asks rolling deploys for both versions on the same rows, blue-green for blue's rollback, canary for a watched slice", () => {
    expect(texts("ROLLING", "EXPAND")).toContain("Old and new app versions both read and write every row the migration touches");
    expect(texts("ROLLING", "MIGRATE")).toContain("Dual-write covers rows written by old instances mid-rollout");
    expect(texts("BLUE_GREEN", "EXPAND")).toContain("Blue (old) can still read every row green writes until the cutover is declared stable");
    expect(texts("BLUE_GREEN", "MIGRATE")).toContain("Rollback to blue keeps working after green has written data");
    expect(texts("CANARY", "MIGRATE")).toEqual(
      expect.arrayContaining([
        "The canary slice is small and named (e.g. 5 % of traffic)",
        "New writes from the canary are checked for divergence before widening",
      ]),
    );
    expect(texts("ROLLING", "MIGRATE")).not.toContain("The canary slice is small and named (e.g. 5 % of traffic)");
    expect(texts("CANARY", "EXPAND")).toEqual(STAGE_CHECKLIST.EXPAND.map((item) => item.text));
  });

  it("gives every style a Contract proof item of its own", () => {
    for (const style of STYLES) expect(STYLE_CHECKLIST[style].CONTRACT.some((item) => item.isProof)).toBe(true);
  });

  // A style change removes the old style's untouched items by their text: a style item worded like
  // a practice item, or twice in one stage, would take the other with it.
  it("words every style item unlike the practice and unlike the stage's other items", () => {
    for (const style of STYLES) {
      for (const stage of STAGE_ORDER) {
        const all = texts(style, stage);
        expect(new Set(all).size).toBe(all.length);
      }
    }
  });
});
