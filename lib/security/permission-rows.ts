import type { CurrentUser } from "@/lib/permissions";
import { backfillKey } from "@/lib/flags/backfill/key";
import { testDb } from "@/lib/testing/db";
import { detailsInput, fixtureIncidentStep, type fixtureRelease } from "@/lib/testing/release-fixtures";

// The rows of lib/security/permission-matrix.test.ts: for every action, who may do it by
// PRODUCT.md's table, and how to forge its input against a fixture release. Here the actions on
// a release; the global ones are in permission-rows-global.ts.

export type Who = "viewer" | "operator" | "stageOwner" | "decisionOwner" | "backup" | "admin";
export const WHO: Who[] = ["viewer", "operator", "stageOwner", "decisionOwner", "backup", "admin"];

// PRODUCT.md "People and permissions", one line per row of its table.
const PLAN_EDITORS: Who[] = ["operator", "stageOwner", "decisionOwner", "backup", "admin"];
export const ROW = {
  editPlan: PLAN_EDITORS, // create and edit plans, tick checklist items
  createPlan: ["operator", "admin"] as Who[], // a new plan has no per-release roles yet
  flagOff: PLAN_EDITORS,
  flagOn: ["decisionOwner", "backup", "admin"] as Who[],
  pauseBackfill: PLAN_EDITORS, // as turning the flag off
  resumeBackfill: ["decisionOwner", "backup", "admin"] as Who[], // as turning the flag on
  stageComplete: ["stageOwner", "decisionOwner", "backup", "admin"] as Who[], // the stage owner's own stage
  startDeploy: ["decisionOwner", "backup", "admin"] as Who[], // not in the table: the deciders' call
  decision: ["decisionOwner", "backup"] as Who[],
  outcome: ["decisionOwner", "admin"] as Who[],
  approveFlagOn: ["backup", "admin"] as Who[],
  incident: PLAN_EDITORS, // start an incident, tick own runbook steps, add notes
  admin: ["admin"] as Who[],
};

export type Fixture = Awaited<ReturnType<typeof fixtureRelease>> & { requestId: string };
export interface Row {
  who: Who[];
  // users: the matrix's user for each role, made once for the whole run.
  input: (r: Fixture, user: CurrentUser, users: Record<Who, CurrentUser>) => Record<string, unknown> | Promise<Record<string, unknown>>;
  // Global actions (users, tokens, webhooks, the chain) are checked once, not per status.
  global?: boolean;
}

// The fixture's backfill switch, paused behind the actions' back.
const pauseBackfillSwitch = (flagKey: string) =>
  testDb().$executeRawUnsafe(
    `INSERT INTO flags (key, environment, enabled) VALUES ($1, 'production', true) ON CONFLICT (key, environment) DO UPDATE SET enabled = true`,
    backfillKey(flagKey),
  );

const details = (r: Fixture, people: Record<string, unknown>) => detailsInput(r, people);

export const RELEASE_ROWS: Record<string, Row> = {
  "release.update_details": {
    who: ROW.editPlan,
    input: (r, _user, users) => details(r, { decisionOwnerId: users.decisionOwner.id, backupOwnerId: users.backup.id, summary: "edited", fourEyes: true }),
  },
  "stage.update": {
    who: ROW.editPlan,
    input: (r, _user, users) => ({
      releaseId: r.id,
      stageId: r.stages[0]!.id,
      expectedVersion: r.version,
      ownerId: users.stageOwner.id,
      sql: "",
      rollbackNote: "edited",
      exitCriteria: "",
    }),
  },
  "checklist.add": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id, text: "New item" }) },
  "checklist.edit": {
    who: ROW.editPlan,
    input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, text: "Edited", expectedText: r.stages[0]!.checklistItems[0]!.text }),
  },
  "checklist.remove": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[1]!.checklistItems[0]!.id }) },
  "checklist.move": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, direction: "down" }) },
  "checklist.tick": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, done: true }) },
  "runbook.assign": {
    who: ROW.editPlan,
    input: (r, _user, users) => ({ releaseId: r.id, role: "DECISION", assigneeId: users.backup.id, expectedAssigneeId: users.decisionOwner.id }),
  },
  "runbook.add_step": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, role: "DECISION", text: "Another step" }) },
  "runbook.edit_step": {
    who: ROW.editPlan,
    input: (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id, text: "Edited", expectedText: r.runbookSteps[0]!.text }),
  },
  "runbook.remove_step": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, stepId: r.runbookSteps[1]!.id }) },
  "criterion.save": {
    who: ROW.editPlan,
    input: (r) => ({
      releaseId: r.id,
      signalName: "p95",
      signalKey: "p95_latency",
      unit: "MILLISECONDS",
      source: "PUSH",
      comparator: "GT",
      stopThreshold: "800",
      windowSeconds: 60,
    }),
  },
  "criterion.remove": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, criterionId: r.criterionId }) },
  "drill.record": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, performedOn: "2026-11-02", result: "PASSED", notes: "" }) },
  // Each editor removes a drill they recorded themselves: past the permission check, a drill of
  // someone else is refused to all but admins (lib/releases/commands/drills.test.ts).
  "drill.remove": {
    who: ROW.editPlan,
    input: async (r, user) => ({
      releaseId: r.id,
      drillId: (
        await testDb().rollbackDrill.create({
          data: { releaseId: r.id, performedOn: new Date("2026-11-02"), result: "PASSED", recordedById: user.id },
          select: { id: true },
        })
      ).id,
    }),
  },
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
  "backfill.pause": { who: ROW.pauseBackfill, input: (r) => ({ releaseId: r.id }) },
  // Paused again before each role, so every allowed role really resumes it.
  "backfill.resume": {
    who: ROW.resumeBackfill,
    input: async (r) => {
      await pauseBackfillSwitch(r.flagKey);
      return { releaseId: r.id };
    },
  },
  "flag.approve_on": { who: ROW.approveFlagOn, input: (r) => ({ releaseId: r.id, requestId: r.requestId }) },
  "flag.decline_on": { who: ROW.approveFlagOn, input: (r) => ({ releaseId: r.id, requestId: r.requestId }) },
  "demo.regression": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, on: true }) },
  "note.add": { who: ROW.incident, input: (r) => ({ releaseId: r.id, text: "Restarted worker-3" }) },
  "review.save_summary": {
    who: ROW.editPlan,
    input: async (r) => ({
      releaseId: r.id,
      summary: "What happened",
      expectedVersion: (await testDb().releaseReview.findUnique({ where: { releaseId: r.id }, select: { version: true } }))?.version ?? 0,
    }),
  },
  "review.add_follow_up": { who: ROW.editPlan, input: (r) => ({ releaseId: r.id, text: "Batch the backfill", ownerId: null }) },
  "review.remove_follow_up": {
    who: ROW.editPlan,
    input: async (r) => ({
      releaseId: r.id,
      followUpId: (await testDb().reviewFollowUp.create({ data: { releaseId: r.id, text: "Follow-up" }, select: { id: true } })).id,
    }),
  },
  "incident.start": { who: ROW.incident, input: (r) => ({ releaseId: r.id, reason: "Error rate climbing" }) },
  // Each role ticks a step assigned to itself: whose step it is, is checked past the permission (lib/incidents/commands.test.ts).
  "incident.tick_step": { who: ROW.incident, input: async (r, user) => ({ releaseId: r.id, stepId: await fixtureIncidentStep(r.id, user.id), done: true }) },
};
