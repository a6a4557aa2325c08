import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as } from "@/lib/testing/actions";
import { startSession } from "@/lib/auth/sessions";
import { ALL_ACTIONS } from "@/lib/testing/all-actions";
import { asOwner, testDb } from "@/lib/testing/db";
import { fixtureIncidentStep, fixtureRelease, releaseFingerprint } from "@/lib/testing/release-fixtures";
import type { CurrentUser } from "@/lib/permissions";

// Every mutating action of the app writes exactly one audit event, in the same transaction as
// its change: when the action fails after changing (here: its audit write is sabotaged by a
// trigger), neither the change nor an event remains. A new action without a scenario here fails.

const actions = ALL_ACTIONS;

// Actions that change two things, each with its own event in the one transaction: a Stop that
// turns the flag off records the decision, starts the incident, then the flip (which writes its
// event with the change; the flag step it ticks is Switchback's own event, not the user's).
const EVENTS: Record<string, number> = { "decision.record": 3 };

interface Scenario {
  input: Record<string, unknown>;
  fingerprint: () => Promise<string>;
}

const count = async (sql: string, ...params: unknown[]) => JSON.stringify(await testDb().$queryRawUnsafe(sql, ...params));

const SCENARIOS: Record<string, (user: CurrentUser) => Promise<Scenario>> = {
  "release.create": async () => {
    const title = `Created ${randomUUID()}`;
    return { input: { title }, fingerprint: () => count("SELECT count(*)::int FROM releases WHERE title = $1", title) };
  },
  "release.update_details": async (u) => {
    const r = await fixtureRelease(u.id, "DRAFT");
    const input = { releaseId: r.id, expectedVersion: r.version, title: r.title, service: "billing", summary: "", deployStyle: "CANARY", flagProvider: "BUILTIN", flagKey: `${r.flagKey}-new`, flagEnvironment: "production", decisionOwnerId: u.id, backupOwnerId: r.backupId, autoStopAfter: 3 };
    return { input, fingerprint: async () => (await releaseFingerprint(r.id)) + (await count("SELECT count(*)::int FROM flags WHERE key = $1", `${r.flagKey}-new`)) };
  },
  "stage.update": async (u) => {
    const r = await fixtureRelease(u.id, "READY");
    return { input: { releaseId: r.id, stageId: r.stages[0]!.id, expectedVersion: r.version, ownerId: u.id, sql: "SELECT 1;", rollbackNote: "x", exitCriteria: "y" }, fingerprint: () => releaseFingerprint(r.id) };
  },
  "checklist.add": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, stageId: r.stages[0]!.id, text: "New item" })),
  "checklist.edit": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, text: "Edited", expectedText: r.stages[0]!.checklistItems[0]!.text })),
  "checklist.remove": async (u) => release(u, "READY", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id })),
  "checklist.move": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, direction: "down" })),
  "checklist.tick": async (u) => release(u, "IN_PROGRESS", (r) => ({ releaseId: r.id, itemId: r.stages[0]!.checklistItems[0]!.id, done: true })),
  "runbook.assign": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, role: "DECISION", assigneeId: r.backupId, expectedAssigneeId: u.id })),
  "runbook.add_step": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, role: "DECISION", text: "Another step" })),
  "runbook.edit_step": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id, text: "Edited", expectedText: r.runbookSteps[0]!.text })),
  "runbook.remove_step": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, stepId: r.runbookSteps[0]!.id })),
  "criterion.save": async (u) => release(u, "DRAFT", (r) => ({ releaseId: r.id, signalName: "p95 latency", signalKey: "p95_latency", unit: "MILLISECONDS", source: "PUSH", comparator: "GT", stopThreshold: "800", windowSeconds: 60 })),
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
  "flag.approve_on": async (u) => fourEyesRequest(u),
  "flag.decline_on": async (u) => fourEyesRequest(u),
  "demo.regression": async (u) => release(u, "READY", (r) => ({ releaseId: r.id, on: true }), { isDemo: true }),
  "token.create": async (u) => {
    const r = await fixtureRelease(u.id, "DRAFT");
    return { input: { name: "job", kind: "SIGNAL_PUSH", releaseId: r.id }, fingerprint: () => releaseFingerprint(r.id) };
  },
  "token.revoke": async (u) => {
    const token = await testDb().apiToken.create({ data: { kind: "FLAG_READ", name: "t", tokenHash: randomUUID(), prefix: "sbr_x", createdById: u.id }, select: { id: true } });
    return { input: { tokenId: token.id }, fingerprint: () => count("SELECT revoked_at FROM api_tokens WHERE id = $1::uuid", token.id) };
  },
  "webhook.create": async () => {
    const name = `hook-${randomUUID()}`;
    return { input: { name, url: "https://hooks.example.test/x", events: ["flip"] }, fingerprint: () => count("SELECT count(*)::int FROM webhooks WHERE name = $1", name) };
  },
  "webhook.set-enabled": async () => {
    // Disabled at once, so other test files' events never queue deliveries to it.
    const hook = await testDb().webhook.create({ data: { name: `hook-${randomUUID()}`, url: "https://hooks.example.test/y", secret: "s", events: ["flip"], enabled: false }, select: { id: true } });
    return { input: { webhookId: hook.id, enabled: true }, fingerprint: () => count("SELECT enabled FROM webhooks WHERE id = $1::uuid", hook.id) };
  },
  "user.end_sessions": async () => {
    const other = await testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name: "Leaver", role: "VIEWER" }, select: { id: true } });
    await startSession(testDb(), other.id);
    return { input: { userId: other.id }, fingerprint: () => count("SELECT count(*)::int FROM user_sessions WHERE user_id = $1::uuid AND ended_at IS NULL", other.id) };
  },
  "user.create": async () => {
    const email = `${randomUUID()}@test.switchback.test`;
    return { input: { name: "Newcomer", email, role: "OPERATOR" }, fingerprint: () => count("SELECT count(*)::int FROM users WHERE email = $1", email) };
  },
  "user.change_role": async () => {
    const other = await testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name: "Promoted", role: "VIEWER" }, select: { id: true } });
    return { input: { userId: other.id, role: "OPERATOR" }, fingerprint: () => count("SELECT role FROM users WHERE id = $1::uuid", other.id) };
  },
  "user.set_disabled": async () => {
    const other = await testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name: "Leaver", role: "VIEWER" }, select: { id: true } });
    await startSession(testDb(), other.id);
    return { input: { userId: other.id, disabled: true }, fingerprint: () => count("SELECT u.disabled_at, count(s.id)::int FROM users u LEFT JOIN user_sessions s ON s.user_id = u.id AND s.ended_at IS NULL WHERE u.id = $1::uuid GROUP BY u.id", other.id) };
  },
  "auth.sign_out": async (u) => {
    const sessionId = await startSession(testDb(), u.id);
    return { input: { sessionId }, fingerprint: () => count("SELECT ended_at FROM user_sessions WHERE id = $1::uuid", sessionId) };
  },
  "audit.verify_chain": async () => ({ input: {}, fingerprint: async () => "reads only" }),
  "user.update_contact": async (u) => ({ input: { contact: "@auditor on chat" }, fingerprint: () => count("SELECT contact FROM users WHERE id = $1::uuid", u.id) }),
  "note.add": async (u) => release(u, "STOPPED", (r) => ({ releaseId: r.id, text: "Restarted worker-3; errors steady" })),
  "review.save_summary": async (u) => release(u, "ROLLED_BACK", (r) => ({ releaseId: r.id, summary: "The backfill locked users for 40 s.", expectedVersion: 0 })),
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
  const request = await testDb().flagOnRequest.create({ data: { releaseId: r.id, requestedById: r.backupId, expiresAt: new Date(Date.now() + 600_000) }, select: { id: true } });
  return { input: { releaseId: r.id, requestId: request.id }, fingerprint: async () => (await releaseFingerprint(r.id)) + (await count("SELECT status FROM flag_on_requests WHERE id = $1::uuid", request.id)) };
}

async function release(u: CurrentUser, status: Parameters<typeof fixtureRelease>[1], input: (r: Awaited<ReturnType<typeof fixtureRelease>>) => Record<string, unknown>, options?: Parameters<typeof fixtureRelease>[2]): Promise<Scenario> {
  const r = await fixtureRelease(u.id, status, options);
  return { input: input(r), fingerprint: () => releaseFingerprint(r.id) };
}

// An admin who is also the decision owner may do every action.
const actor = async (name: string): Promise<CurrentUser> =>
  testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name, role: "ADMIN" }, select: { id: true, email: true, name: true, role: true } });
const eventsBy = (userId: string) => testDb().auditEvent.count({ where: { actorId: userId } });

// As the owner: the runtime role the suite runs as may not add triggers.
beforeAll(async () => {
  await asOwner(`
    CREATE OR REPLACE FUNCTION sabotage_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.actor_label LIKE 'Saboteur %' THEN RAISE EXCEPTION 'audit write sabotaged by the test'; END IF; RETURN NEW; END $$`);
  await asOwner("CREATE OR REPLACE TRIGGER sabotage_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION sabotage_audit()");
});
afterAll(async () => {
  await asOwner("DROP TRIGGER IF EXISTS sabotage_audit ON audit_events");
});

describe("audit coverage of every mutating action", () => {
  it("has a scenario for every action", () => {
    expect(actions.map((a) => a.name).filter((name) => !SCENARIOS[name])).toEqual([]);
  });

  it.each(actions.map((a) => [a.name, a] as const))("%s: one audit event with the change", async (_name, config) => {
    const user = await actor(`Auditor ${randomUUID().slice(0, 6)}`);
    const { input } = await SCENARIOS[config.name]!(user);
    const result = await as(user)(config, input);
    expect(result).toMatchObject({ ok: true });
    expect(await eventsBy(user.id)).toBe(EVENTS[config.name] ?? 1);
  });

  it.each(actions.map((a) => [a.name, a] as const))("%s: a failure after the change leaves neither change nor event", async (_name, config) => {
    const user = await actor(`Saboteur ${randomUUID().slice(0, 6)}`);
    const scenario = await SCENARIOS[config.name]!(user);
    const before = await scenario.fingerprint();
    const result = await as(user)(config, scenario.input);
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(await eventsBy(user.id)).toBe(0);
    expect(await scenario.fingerprint()).toBe(before);
  });
});
