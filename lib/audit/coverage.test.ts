import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as } from "@/lib/testing/actions";
import { ALL_ACTIONS } from "@/lib/testing/all-actions";
import { asOwner, testDb } from "@/lib/testing/db";
import type { CurrentUser } from "@/lib/permissions";
import { RELEASE_SCENARIOS } from "@/lib/audit/coverage-scenarios";
import { ACCOUNT_SCENARIOS } from "@/lib/audit/coverage-scenarios-accounts";

// Every mutating action of the app writes exactly one audit event, in the same transaction as
// its change: when the action fails after changing (here: its audit write is sabotaged by a
// trigger), neither the change nor an event remains. A new action without a scenario (in
// coverage-scenarios*.ts) fails.

const actions = ALL_ACTIONS;
const SCENARIOS = { ...RELEASE_SCENARIOS, ...ACCOUNT_SCENARIOS };

// Actions that change two things, each with its own event in the one transaction: a Stop that
// turns the flag off records the decision, starts the incident, then the flip (which writes its
// event with the change; the flag step it ticks is Switchback's own event, not the user's).
const EVENTS: Record<string, number> = { "decision.record": 3 };

// An admin who is also the decision owner may do every action.
const actor = async (name: string): Promise<CurrentUser> =>
  testDb().user.create({
    data: { email: `${randomUUID()}@test.switchback.test`, name, role: "ADMIN" },
    select: { id: true, email: true, name: true, role: true },
  });
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
