import { describe, expect, it } from "vitest";
import { computeReadiness, type ReadinessInput } from "@/lib/releases/readiness";

const ready: ReadinessInput = {
  stages: [
    { kind: "EXPAND", ownerId: "a", rollbackNote: "Leave the columns.", lintErrors: 0, requiresProof: false, proofItems: 0 },
    { kind: "MIGRATE", ownerId: "b", rollbackNote: "Flag off.", lintErrors: 0, requiresProof: false, proofItems: 0 },
    { kind: "CONTRACT", ownerId: "a", rollbackNote: "Restore from snapshot.", lintErrors: 0, requiresProof: true, proofItems: 2 },
  ],
  decisionOwnerId: "a",
  backupOwnerId: "b",
  runbook: (["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"] as const).map((role) => ({ role, assigneeId: "c" })),
  flag: { key: "split-names", environment: "production", provider: { ok: true, message: "answers" } },
  lintOverrideReason: null,
  criteria: 1,
  drills: [{ result: "PASSED", performedOn: new Date("2026-11-18"), recordedAt: new Date("2026-11-18T09:00:00Z") }],
};

const failing = (input: ReadinessInput) =>
  computeReadiness(input)
    .checks.filter((c) => !c.ok)
    .map((c) => [c.id, c.reason]);

describe("readiness", () => {
  it("passes every check for a complete plan", () => {
    const result = computeReadiness(ready);
    expect(result.ready).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual([
      "stage-owners",
      "rollback-notes",
      "decision-owners",
      "runbook",
      "flag",
      "lint",
      "contract-proof",
      "criteria",
      "drill",
    ]);
  });

  it("names the stages without an owner or rollback note", () => {
    const stages = ready.stages.map((s) => (s.kind === "EXPAND" ? s : { ...s, ownerId: null, rollbackNote: " " }));
    expect(failing({ ...ready, stages })).toEqual([
      ["stage-owners", "Migrate and Contract have no owner."],
      ["rollback-notes", "Migrate and Contract have no rollback note."],
    ]);
  });

  it("needs a decision owner and a different backup", () => {
    expect(failing({ ...ready, backupOwnerId: null })).toEqual([["decision-owners", "No backup decision owner."]]);
    expect(failing({ ...ready, backupOwnerId: "a" })).toEqual([["decision-owners", "The decision owner and the backup are the same person."]]);
  });

  it("needs all four runbook roles assigned", () => {
    const runbook = ready.runbook.map((s) => (s.role === "DATABASE_HEALTH" ? { ...s, assigneeId: null } : s));
    expect(failing({ ...ready, runbook })).toEqual([["runbook", "Nobody is assigned to: checks database health."]]);
  });

  it("needs a configured flag whose provider answers", () => {
    expect(failing({ ...ready, flag: { ...ready.flag, key: "" } })).toEqual([["flag", "No feature flag is configured: the flag is the rollback."]]);
    expect(failing({ ...ready, flag: { ...ready.flag, provider: { ok: false, message: "Unleash did not answer in 3 s." } } })).toEqual([
      ["flag", "Unleash did not answer in 3 s."],
    ]);
  });

  it("fails on lint errors unless a reason to override is written", () => {
    const stages = ready.stages.map((s) => (s.kind === "EXPAND" ? { ...s, lintErrors: 2 } : s));
    expect(failing({ ...ready, stages })[0]?.[0]).toBe("lint");
    expect(failing({ ...ready, stages, lintOverrideReason: "   " })[0]?.[0]).toBe("lint");
    const overridden = computeReadiness({ ...ready, stages, lintOverrideReason: "The table has 40 rows." });
    expect(overridden.ready).toBe(true);
    expect(overridden.checks.find((c) => c.id === "lint")?.reason).toBe("2 lint errors, overridden: “The table has 40 rows.”");
  });

  it("needs proof items when Contract drops something", () => {
    const stages = ready.stages.map((s) => (s.kind === "CONTRACT" ? { ...s, proofItems: 0 } : s));
    expect(failing({ ...ready, stages })).toEqual([["contract-proof", "Contract drops something but its checklist has no proof items."]]);
  });

  it("counts the proofs Switchback computes as Contract's proof items, and says what it computes them from", () => {
    const computedProofs = { kinds: ["old_columns_unread", "business_cycle"] as const, drops: ["users.full_name"], targetName: "shop", cycleDays: 7 };
    const computed = computeReadiness({ ...ready, computedProofs: { ...computedProofs, kinds: [...computedProofs.kinds] } });
    expect(computed.ready).toBe(true);
    expect(computed.checks.find((c) => c.id === "contract-proof")?.reason).toBe(
      "Contract drops users.full_name; Switchback computes “old columns unread” from shop's pg_stat_statements and the 7-day business cycle.",
    );
    // Without a target both are ticked by a person, as before.
    const manual = computeReadiness({ ...ready, computedProofs: { ...computedProofs, kinds: [...computedProofs.kinds], targetName: null } });
    expect(manual.ready).toBe(true);
    expect(manual.checks.find((c) => c.id === "contract-proof")?.reason).toBe(
      "Contract drops something; its 2 proof items must be ticked before it runs (with a target database, Switchback would compute the old columns unread and the business cycle).",
    );
    // A proof item of the team's own is still ticked next to the computed ones.
    const stages = ready.stages.map((s) => (s.kind === "CONTRACT" ? { ...s, proofItems: 3 } : s));
    expect(
      computeReadiness({ ...ready, stages, computedProofs: { ...computedProofs, kinds: [...computedProofs.kinds] } }).checks.find(
        (c) => c.id === "contract-proof",
      )?.reason,
    ).toBe(
      "Contract drops users.full_name; Switchback computes “old columns unread” from shop's pg_stat_statements and the 7-day business cycle; 1 proof item must be ticked before it runs.",
    );
  });

  it("still needs proof items when Contract drops something and has none, computed or ticked", () => {
    const stages = ready.stages.map((s) => (s.kind === "CONTRACT" ? { ...s, proofItems: 0 } : s));
    const computedProofs = { kinds: [], drops: ["users.full_name"], targetName: "shop", cycleDays: 7 };
    expect(failing({ ...ready, stages, computedProofs })).toEqual([["contract-proof", "Contract drops something but its checklist has no proof items."]]);
  });

  it("needs a criterion and a passing latest drill", () => {
    expect(failing({ ...ready, criteria: 0, drills: [] })).toEqual([
      ["criteria", "No go/stop criterion: nobody would know when to stop."],
      ["drill", "No rollback drill recorded."],
    ]);
    const drills = [...ready.drills, { result: "FAILED" as const, performedOn: new Date("2026-11-19"), recordedAt: new Date("2026-11-19T09:00:00Z") }];
    expect(failing({ ...ready, drills })).toEqual([["drill", "The latest drill (2026-11-19) failed; record a passing one."]]);
  });

  // A failed drill, fixed and re-run the same day, must not block READY until tomorrow.
  it("breaks a tie between drills of one day by when they were recorded, whatever their order", () => {
    const day = new Date("2026-11-19");
    const failed = { result: "FAILED" as const, performedOn: day, recordedAt: new Date("2026-11-19T09:00:00Z") };
    const passed = { result: "PASSED" as const, performedOn: day, recordedAt: new Date("2026-11-19T11:00:00Z") };
    expect(failing({ ...ready, drills: [failed, passed] })).toEqual([]);
    expect(failing({ ...ready, drills: [passed, failed] })).toEqual([]);
    const failedAgain = { ...failed, recordedAt: new Date("2026-11-19T12:00:00Z") };
    expect(failing({ ...ready, drills: [failedAgain, passed] })).toEqual([["drill", "The latest drill (2026-11-19) failed; record a passing one."]]);
    expect(failing({ ...ready, drills: [passed, failedAgain] })).toEqual([["drill", "The latest drill (2026-11-19) failed; record a passing one."]]);
  });
});
