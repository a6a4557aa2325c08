import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import type { CurrentUser, Role } from "@/lib/permissions";
import type { ReleaseStatus } from "@/lib/releases/status";
import { as } from "@/lib/testing/actions";
import { ALL_ACTIONS } from "@/lib/testing/all-actions";
import { testDb } from "@/lib/testing/db";
import { fixtureIncidentStep, fixtureRelease } from "@/lib/testing/release-fixtures";

// The permission table of PRODUCT.md, written here on its own (not read from lib/permissions.ts),
// run against every action × every role × every release status through the real mutation path
// with forged inputs. An action without a row fails the test.

type Who = "viewer" | "operator" | "stageOwner" | "decisionOwner" | "backup" | "admin";
const WHO: Who[] = ["viewer", "operator", "stageOwner", "decisionOwner", "backup", "admin"];
const STATUSES: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];

// PRODUCT.md "People and permissions", one line per row of its table.
const PLAN_EDITORS: Who[] = ["operator", "stageOwner", "decisionOwner", "backup", "admin"];
const ROW = {
  editPlan: PLAN_EDITORS, // create and edit plans, tick checklist items
  createPlan: ["operator", "admin"] as Who[], // a new plan has no per-release roles yet
  flagOff: PLAN_EDITORS,
  flagOn: ["decisionOwner", "backup", "admin"] as Who[],
  stageComplete: ["stageOwner", "decisionOwner", "backup", "admin"] as Who[], // the stage owner's own stage
  startDeploy: ["decisionOwner", "backup", "admin"] as Who[], // not in the table: the deciders' call
  decision: ["decisionOwner", "backup"] as Who[],
  outcome: ["decisionOwner", "admin"] as Who[],
  approveFlagOn: ["backup", "admin"] as Who[],
  incident: PLAN_EDITORS, // start an incident, tick own runbook steps, add notes
  admin: ["admin"] as Who[],
};

type Fixture = Awaited<ReturnType<typeof fixtureRelease>> & { requestId: string };
interface Row {
  who: Who[];
  input: (r: Fixture, user: CurrentUser) => Record<string, unknown> | Promise<Record<string, unknown>>;
  // Global actions (users, tokens, webhooks, the chain) are checked once, not per status.
  global?: boolean;
}

const details = (r: Fixture, people: Record<string, unknown>) => ({ releaseId: r.id, expectedVersion: r.version, title: r.title, service: "", summary: "", deployStyle: "ROLLING", flagProvider: "BUILTIN", flagKey: r.flagKey, flagEnvironment: "production", autoStopAfter: 3, ...people });

const ACTIONS: Record<string, Row> = {
  "release.create": { who: ROW.createPlan, global: true, input: () => ({ title: `Matrix ${randomUUID()}` }) },
  "release.update_details": { who: ROW.editPlan, input: (r) => details(r, { decisionOwnerId: users.decisionOwner.id, backupOwnerId: users.backup.id, summary: "edited", fourEyes: true }) },
  "stage.update": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id, expectedVersion: r.version, ownerId: users.stageOwner.id, sql: "", rollbackNote: "edited", exitCriteria: "" }) },
  "checklist.add": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id, text: "New item" }) },
  "checklist.edit": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, text: "Edited", expectedText: r.stages[0]!.checklistItems[0]!.text }) },
  "checklist.remove": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[1]!.checklistItems[0]!.id }) },
  "checklist.move": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, direction: "down" }) },
  "checklist.tick": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, done: true }) },
  "runbook.assign": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, role: "DECISION", assigneeId: users.backup.id, expectedAssigneeId: users.decisionOwner.id }) },
  "runbook.add_step": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, role: "DECISION", text: "Another step" }) },
  "runbook.edit_step": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id, text: "Edited", expectedText: r.runbookSteps[0]!.text }) },
  "runbook.remove_step": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stepId: r.runbookSteps[1]!.id }) },
  "criterion.save": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, signalName: "p95", signalKey: "p95_latency", unit: "MILLISECONDS", source: "PUSH", comparator: "GT", stopThreshold: "800", windowSeconds: 60 }) },
  "criterion.remove": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, criterionId: r.criterionId }) },
  "drill.record": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, performedOn: "2026-11-02", result: "PASSED", notes: "" }) },
  // Each editor removes a drill they recorded themselves: past the permission check, a drill of
  // someone else is refused to all but admins (lib/releases/commands/drills.test.ts).
  "drill.remove": { who: ROW.editPlan, input: async (r, user) => ({ releaseId: r.id, drillId: (await testDb().rollbackDrill.create({ data: { releaseId: r.id, performedOn: new Date("2026-11-02"), result: "PASSED", recordedById: user.id }, select: { id: true } })).id }) },
  "release.mark_ready": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id }) },
  "release.return_to_draft": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id }) },
  "release.abandon": { who: ROW.outcome, input: (r) => ({ releaseId: r.id, reason: "Superseded" }) },
  "release.mark_rolled_back": { who: ROW.outcome, input: (r) => ({ releaseId: r.id, reason: "Backfill corrupted rows" }) },
  "release.start_deploy": { who: ROW.startDeploy, input: (r) => ({ releaseId: r.id }) },
  "stage.complete": { who: ROW.stageComplete, input: (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id }) },
  "release.acknowledge_auto_stop": { who: ROW.decision, input: (r) => ({ releaseId: r.id }) },
  "decision.record": { who: ROW.decision, input: (r) => ({ releaseId: r.id, verdict: "STOP", reason: "Errors" }) },
  "flag.turn_off": { who: ROW.flagOff, input: (r) => ({ releaseId: r.id, expected: true }) },
  "flag.turn_on": { who: ROW.flagOn, input: (r) => ({ releaseId: r.id, expected: false }) },
  "flag.approve_on": { who: ROW.approveFlagOn, input: (r) => ({ releaseId: r.id, requestId: r.requestId }) },
  "flag.decline_on": { who: ROW.approveFlagOn, input: (r) => ({ releaseId: r.id, requestId: r.requestId }) },
  "demo.regression": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, on: true }) },
  "token.create": { who: ROW.admin, global: true, input: () => ({ name: "job", kind: "FLAG_READ" }) },
  "token.revoke": { who: ROW.admin, global: true, input: () => ({ tokenId: randomUUID() }) },
  "webhook.create": { who: ROW.admin, global: true, input: () => ({ name: `hook-${randomUUID()}`, url: "https://hooks.example.test/x", events: ["flip"] }) },
  "webhook.set-enabled": { who: ROW.admin, global: true, input: () => ({ webhookId: randomUUID(), enabled: false }) },
  "user.end_sessions": { who: ROW.admin, global: true, input: () => ({ userId: users.viewer.id }) },
  "user.create": { who: ROW.admin, global: true, input: () => ({ name: "Matrix newcomer", email: `matrix-new-${randomUUID()}@test.switchback.test`, role: "VIEWER" }) },
  // A fresh account each time: the matrix's own users keep their roles and stay enabled.
  "user.change_role": { who: ROW.admin, global: true, input: async () => ({ userId: await matrixAccount(), role: "OPERATOR" }) },
  "user.set_disabled": { who: ROW.admin, global: true, input: async () => ({ userId: await matrixAccount(), disabled: true }) },
  // Anyone signed in ends their own session (never another's: see lib/auth/sessions.test.ts).
  "auth.sign_out": { who: WHO, global: true, input: async (_r, user) => ({ sessionId: await startSession(testDb(), user.id) }) },
  "audit.verify_chain": { who: ROW.admin, global: true, input: () => ({}) },
  // Everyone keeps their own contact line (it is only ever their own: the action takes no user id).
  "user.update_contact": { who: WHO, global: true, input: () => ({ contact: "@me on chat" }) },
  "note.add": { who: ROW.incident, input: (r) => ({ releaseId: r.id, text: "Restarted worker-3" }) },
  "review.save_summary": { who: ROW.editPlan, input: async (r) => ({ releaseId: r.id, summary: "What happened", expectedVersion: (await testDb().releaseReview.findUnique({ where: { releaseId: r.id }, select: { version: true } }))?.version ?? 0 }) },
  "review.add_follow_up": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, text: "Batch the backfill", ownerId: null }) },
  "review.remove_follow_up": { who: ROW.editPlan, input: async (r) => ({ releaseId: r.id, followUpId: (await testDb().reviewFollowUp.create({ data: { releaseId: r.id, text: "Follow-up" }, select: { id: true } })).id }) },
  "incident.start": { who: ROW.incident, input: (r) => ({ releaseId: r.id, reason: "Error rate climbing" }) },
  // Each role ticks a step assigned to itself: whose step it is, is checked past the permission (lib/incidents/commands.test.ts).
  "incident.tick_step": { who: ROW.incident, input: async (r, user) => ({ releaseId: r.id, stepId: await fixtureIncidentStep(r.id, user.id), done: true }) },
};

const matrixAccount = async () => (await testDb().user.create({ data: { email: `matrix-target-${randomUUID()}@test.switchback.test`, name: "Matrix target", role: "VIEWER" }, select: { id: true } })).id;

const ROLE: Record<Who, Role> = { viewer: "VIEWER", operator: "OPERATOR", stageOwner: "VIEWER", decisionOwner: "VIEWER", backup: "VIEWER", admin: "ADMIN" };
let users: Record<Who, CurrentUser>;

beforeAll(async () => {
  const entries = await Promise.all(
    WHO.map(async (who) => {
      const email = `matrix-${who}-${randomUUID()}@test.switchback.test`;
      const user = await testDb().user.create({ data: { email, name: `Matrix ${who}`, role: ROLE[who] }, select: { id: true, email: true, name: true, role: true } });
      return [who, user] as const;
    }),
  );
  users = Object.fromEntries(entries) as Record<Who, CurrentUser>;
});

// A release in the given status where each per-release role is held by a user whose global role
// is viewer: whatever they may do there comes from the release alone.
async function fixture(status: ReleaseStatus, isDemo: boolean): Promise<Fixture> {
  const r = await fixtureRelease(users.decisionOwner.id, status, { isDemo, fourEyes: true, backupId: users.backup.id, stageOwnerId: users.stageOwner.id, activeStageDone: true });
  await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1", r.flagKey);
  const request = await testDb().flagOnRequest.create({ data: { releaseId: r.id, requestedById: users.decisionOwner.id, expiresAt: new Date(Date.now() + 600_000) }, select: { id: true } });
  return { ...r, requestId: request.id };
}

const names = ALL_ACTIONS.map((a) => a.name);

describe("the permission matrix", () => {
  it("has a row of PRODUCT.md's table for every action", () => {
    expect(names.filter((name) => !ACTIONS[name])).toEqual([]);
  });

  const cases: [string, ReleaseStatus | "any"][] = ALL_ACTIONS.flatMap((config) => (ACTIONS[config.name]?.global ? [[config.name, "any"]] : STATUSES.map((s) => [config.name, s]))) as [string, ReleaseStatus | "any"][];

  it.each(cases)("%s on a release %s: only the table's roles get past the permission check", async (name, status) => {
    const config = ALL_ACTIONS.find((a) => a.name === name)!;
    const row = ACTIONS[name]!;
    const r = await fixture(status === "any" ? "DRAFT" : status, name === "demo.regression");
    const outcome: Record<string, string> = {};
    // Refused roles first: a refusal must change nothing, so the allowed roles still act on the
    // release as it was made.
    for (const who of [...WHO].sort((a, b) => Number(row.who.includes(a)) - Number(row.who.includes(b)))) {
      const result = await as(users[who])(config, await row.input(r, users[who]));
      outcome[who] = result.ok ? "ok" : result.error.code;
    }
    const refused = Object.fromEntries(WHO.map((who) => [who, outcome[who] === "FORBIDDEN"]));
    expect(refused).toEqual(Object.fromEntries(WHO.map((who) => [who, !row.who.includes(who)])));
    expect(Object.values(outcome)).not.toContain("INTERNAL");
  });
});
