import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, isPlanEditable, statusAfterCall, type ReleaseStatus } from "@/lib/releases/status";

const ALL: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];

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
      "IN_PROGRESS→STOPPED",
      "IN_PROGRESS→COMPLETED",
      "IN_PROGRESS→ROLLED_BACK",
      "IN_PROGRESS→ABANDONED",
      "PAUSED→IN_PROGRESS",
      "PAUSED→STOPPED",
      "PAUSED→ROLLED_BACK",
      "PAUSED→ABANDONED",
      "STOPPED→IN_PROGRESS",
      "STOPPED→ROLLED_BACK",
      "STOPPED→ABANDONED",
    ]);
  });

  it("says in words why a transition is refused", () => {
    expect(() => assertTransition("DRAFT", "IN_PROGRESS")).toThrow("This release is a draft; it cannot become in progress from there.");
  });

  it("freezes the plan of finished releases", () => {
    expect(ALL.filter(isPlanEditable)).toEqual(["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED"]);
  });

  it("stops a deploy on Stop and resumes a stopped one on Go", () => {
    const calls = ALL.flatMap((from) =>
      (["STOP", "GO"] as const).map((verdict) => {
        try {
          return `${from} ${verdict}→${statusAfterCall(from, verdict)}`;
        } catch {
          return `${from} ${verdict}: refused`;
        }
      }),
    );
    expect(calls.filter((c) => !c.endsWith("refused"))).toEqual([
      "IN_PROGRESS STOP→STOPPED",
      "IN_PROGRESS GO→IN_PROGRESS",
      "PAUSED STOP→STOPPED",
      "PAUSED GO→PAUSED",
      "STOPPED GO→IN_PROGRESS",
    ]);
  });
});
