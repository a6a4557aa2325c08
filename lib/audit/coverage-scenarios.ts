import { randomUUID } from "node:crypto";
import { backfillKey } from "@/lib/flags/backfill/key";
import type { CurrentUser } from "@/lib/permissions";
import { testDb } from "@/lib/testing/db";
import { criterionInput, fixtureIncidentStep, fixtureRelease, releaseFingerprint } from "@/lib/testing/release-fixtures";

// For lib/audit/coverage.test.ts: per action, how to set up a state it can run in as the given
// user, the input to run it with, and a fingerprint of what it would change (equal before and
// after when a sabotaged run rolled back). Here the release's actions; tokens, webhooks, users
// and sessions are in coverage-scenarios-accounts.ts.

export interface Scenario {
  input: Record<string, unknown>;
  fingerprint: () => Promise<string>;
}

export const count = async (sql: string, ...params: unknown[]) => JSON.stringify(await testDb().$queryRawUnsafe(sql, ...params));

export const RELEASE_SCENARIOS: Record<string, (user: CurrentUser) => Promise<Scenario>> = {
  "release.create": async () => {
    const title = `Created ${randomUUID()}`;
    return { input: { title }, fingerprint: () => count("SELECT count(*)::int FROM releases WHERE title = $1", title) };
  },
  "release.update_details": async (u) => {
    const r = await fixtureRelease(u.id, "DRAFT");
    const input = {
      releaseId: r.id,
      expectedVersion: r.version,
      title: r.title,
      service: "billing",
      summary: "",
      deployStyle: "CANARY",
      flagProvider: "BUILTIN",
      flagKey: `${r.flagKey}-new`,
      flagEnvironment: "production",
      decisionOwnerId: u.id,
      backupOwnerId: r.backupId,
      autoStopAfter: 3,
    };
    return {
      input,
      // The new kill switch and its backfill switch.
      fingerprint: async () => (await releaseFingerprint(r.id)) + (await count("SELECT count(*)::int FROM flags WHERE key LIKE $1", `${r.flagKey}-new%`)),
    };
  },
  "stage.update": async (u) => {
    const r = await fixtureRelease(u.id, "READY");
    return {
      input: { releaseId: r.id, stageId: r.stages[0]!.id, expectedVersion: r.version, ownerId: u.id, sql: "SELECT 1;", rollbackNote: "x", exitCriteria: "y" },
      fingerprint: () => releaseFingerprint(r.id),
    };
  },
  "checklist.add": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id, text: "New item" })),
  "checklist.edit": async (u) =>
    release(u, "DRAFT", (r) => ({
      releaseId: r.id,
      itemId: r.stages[0]!.checklistItems[0]!.id,
      text: "Edited",
      expectedText: r.stages[0]!.checklistItems[0]!.text,
    })),
  "checklist.remove": async (u) => release(u, "READY", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id })),
  "checklist.move": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, direction: "down" })),
  "checklist.tick": async (u) => release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, done: true })),
  "runbook.assign": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, role: "DECISION", assigneeId: r.backupId, expectedAssigneeId: u.id })),
  "runbook.add_step": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, role: "DECISION", text: "Another step" })),
  "runbook.edit_step": async (u) =>
    release(u, "DRAFT", (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id, text: "Edited", expectedText: r.runbookSteps[0]!.text })),
  "runbook.remove_step": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id })),
  "criterion.save": async (u) =>
    release(u, "DRAFT", (r) => criterionInput(r.id, { signalName: "p95 latency", signalKey: "p95_latency", unit: "MILLISECONDS", stopThreshold: "800" })),
  "criterion.remove": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, criterionId: r.criterionId })),
  "drill.record": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, performedOn: "2026-11-02", result: "PASSED", notes: "" })),
  // The fixture's drill has no recorder; the actor is an admin, who may remove anyone's.
  "drill.remove": async (u) => {
    const s = await release(u, "READY", (r) => ({ releaseId: r.id }));
    const drill = await testDb().rollbackDrill.findFirstOrThrow({ where: { releaseId: String(s.input.releaseId) }, select: { id: true } });
    return { ...s, input: { ...s.input, drillId: drill.id } };
  },
  "release.mark_ready": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id })),
  "release.return_to_draft": async (u) => release(u, "READY", (r) => ({ releaseId: r.id })),
  "release.abandon": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, reason: "Superseded" })),
  "release.mark_rolled_back": async (u) => release(u, "STOPPED", (r) => ({ releaseId: r.id, reason: "Backfill corrupted rows" })),
  "release.start_deploy": async (u) => release(u, "READY", (r) => ({ releaseId: r.id })),
  "stage.complete": async (u) => release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id }), { activeStageDone: true }),
  "release.acknowledge_auto_stop": async (u) => release(u, "PAUSED", (r) => ({ releaseId: r.id })),
  "decision.record": async (u) => release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, verdict: "STOP", reason: "Errors" })),
  "flag.turn_off": async (u) => release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, expected: true })),
  "flag.turn_on": async (u) => {
    const s = await release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, expected: false }));
    await testDb().$executeRawUnsafe("UPDATE flags f SET enabled = false FROM releases r WHERE r.id = $1::uuid AND f.key = r.flag_key", s.input.releaseId);
    return { ...s, fingerprint: () => releaseFingerprint(String(s.input.releaseId)) };
  },
  "backfill.pause": async (u) => backfill(u, false),
  "backfill.resume": async (u) => backfill(u, true),
  "flag.approve_on": async (u) => fourEyesRequest(u),
  "flag.decline_on": async (u) => fourEyesRequest(u),
  "demo.regression": async (u) => release(u, "READY", (r) => ({ releaseId: r.id, on: true }), { isDemo: true }),
  "note.add": async (u) => release(u, "STOPPED", (r) => ({ releaseId: r.id, text: "Restarted worker-3; errors steady" })),
  "review.save_summary": async (u) =>
    release(u, "ROLLED_BACK", (r) => ({ releaseId: r.id, summary: "The backfill locked users for 40 s.", expectedVersion: 0 })),
  "review.add_follow_up": async (u) => release(u, "COMPLETED", (r) => ({ releaseId: r.id, text: "Batch the backfill by 1,000", ownerId: u.id })),
  "review.remove_follow_up": async (u) => {
    const s = await release(u, "COMPLETED", (r) => ({ releaseId: r.id }));
    const followUp = await testDb().reviewFollowUp.create({ data: { releaseId: String(s.input.releaseId), text: "Old follow-up" }, select: { id: true } });
    return { ...s, input: { ...s.input, followUpId: followUp.id } };
  },
  "incident.start": async (u) => release(u, "STOPPED", (r) => ({ releaseId: r.id, reason: "Error rate climbing" })),
  "incident.tick_step": async (u) => {
    const s = await release(u, "STOPPED", (r) => ({ releaseId: r.id }));
    return { ...s, input: { ...s.input, stepId: await fixtureIncidentStep(String(s.input.releaseId), u.id), done: true } };
  },
};

// A release in progress whose flag is off, with the backup's four-eyes request waiting for the user.
async function fourEyesRequest(u: CurrentUser): Promise<Scenario> {
  const r = await fixtureRelease(u.id, "IN_PROGRESS", { fourEyes: true });
  await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1", r.flagKey);
  const request = await testDb().flagOnRequest.create({
    data: { releaseId: r.id, requestedById: r.backupId, expiresAt: new Date(Date.now() + 600_000) },
    select: { id: true },
  });
  return {
    input: { releaseId: r.id, requestId: request.id },
    fingerprint: async () => (await releaseFingerprint(r.id)) + (await count("SELECT status FROM flag_on_requests WHERE id = $1::uuid", request.id)),
  };
}

// A release in progress whose backfill switch is running (no row yet: the action makes it) or paused.
async function backfill(u: CurrentUser, paused: boolean): Promise<Scenario> {
  const r = await fixtureRelease(u.id, "IN_PROGRESS");
  const key = backfillKey(r.flagKey);
  if (paused) await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
  return {
    input: { releaseId: r.id, reason: "Replica lag climbing" },
    fingerprint: async () => (await releaseFingerprint(r.id)) + (await count("SELECT enabled, version FROM flags WHERE key = $1", key)),
  };
}

async function release(
  u: CurrentUser,
  status: Parameters<typeof fixtureRelease>[1],
  input: (r: Awaited<ReturnType<typeof fixtureRelease>>) => Record<string, unknown>,
  options?: Parameters<typeof fixtureRelease>[2],
): Promise<Scenario> {
  const r = await fixtureRelease(u.id, status, options);
  return { input: input(r), fingerprint: () => releaseFingerprint(r.id) };
}
