import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, isPlanEditable, type ReleaseStatus } from "@/lib/releases/status";

const ALL: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];

describe("release status transitions", () => {
  it("allows exactly the paths of PRODUCT.md", () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([
      "DRAFT→READY",
      "DRAFT→ABANDONED",
      "READY→DRAFT",
      "READY→IN_PROGRESS",
      "READY→ABANDONED",
      "IN_PROGRESS→PAUSED",
      "IN_PROGRESS→COMPLETED",
      "IN_PROGRESS→ROLLED_BACK",
      "PAUSED→IN_PROGRESS",
      "PAUSED→ROLLED_BACK",
    ]);
  });

  it("says in words why a transition is refused", () => {
    expect(() => assertTransition("DRAFT", "IN_PROGRESS")).toThrow("This release is a draft; it cannot become in progress from there.");
  });

  it("freezes the plan of finished releases", () => {
    expect(ALL.filter(isPlanEditable)).toEqual(["DRAFT", "READY", "IN_PROGRESS", "PAUSED"]);
  });
});
