import { describe, expect, it } from "vitest";
import { can, type Permission, type ReleaseRoles, type Subject } from "@/lib/permissions";

const viewer: Subject = { id: "v", role: "VIEWER" };
const operator: Subject = { id: "o", role: "OPERATOR" };
const admin: Subject = { id: "a", role: "ADMIN" };
const decider: Subject = { id: "d", role: "OPERATOR" };
const backup: Subject = { id: "b", role: "VIEWER" };
const stageOwner: Subject = { id: "s", role: "VIEWER" };

const release: ReleaseRoles = { decisionOwnerId: "d", backupOwnerId: "b", stageOwnerIds: ["s", null, "d"] };

function row(permission: Permission, stageOwnerId: string | null = "s") {
  return [viewer, operator, stageOwner, decider, backup, admin].map((user) => can(user, permission, { release, stageOwnerId }));
}

// Columns: viewer, operator, stage owner (a viewer by global role), decision owner, backup, admin.
describe("the permission table of PRODUCT.md", () => {
  it("lets everyone read", () => {
    expect(row("read")).toEqual([true, true, true, true, true, true]);
  });

  it("lets operators, owners and admins edit plans and tick items", () => {
    expect(row("plan.edit")).toEqual([false, true, true, true, true, true]);
  });

  it("lets only operators and admins create plans", () => {
    expect([viewer, operator, admin].map((u) => can(u, "plan.create"))).toEqual([false, true, true]);
  });

  it("lets anyone above viewer turn the flag off, safety first", () => {
    expect(row("flag.off")).toEqual([false, true, true, true, true, true]);
  });

  it("lets only the decision owner, backup and admins turn the flag on", () => {
    expect(row("flag.on")).toEqual([false, false, false, true, true, true]);
  });

  it("lets a stage owner complete only their own stage", () => {
    expect(row("stage.complete", "s")).toEqual([false, false, true, true, true, true]);
    expect(row("stage.complete", "someone-else")).toEqual([false, false, false, true, true, true]);
  });

  it("lets the decision owner, backup and admins start the deploy", () => {
    expect(row("deploy.start")).toEqual([false, false, false, true, true, true]);
  });

  it("keeps Go/Stop for the decision owner and backup, not even admins", () => {
    expect(row("decision")).toEqual([false, false, false, true, true, false]);
  });

  it("lets the backup or an admin approve a four-eyes flag-on request", () => {
    expect(row("flag.approve")).toEqual([false, false, false, false, true, true]);
  });

  it("lets the decision owner or an admin record an outcome (rolled back, abandoned)", () => {
    expect(row("outcome")).toEqual([false, false, false, true, false, true]);
  });

  it("keeps users, tokens and provider settings for admins", () => {
    expect(row("admin")).toEqual([false, false, false, false, false, true]);
  });

  it("grants nothing release-scoped without the release", () => {
    expect(can(decider, "decision")).toBe(false);
    expect(can(backup, "flag.on")).toBe(false);
  });
});
