import { randomUUID } from "node:crypto";
import { count, type Scenario } from "@/lib/audit/coverage-scenarios";
import { startSession } from "@/lib/auth/sessions";
import type { CurrentUser } from "@/lib/permissions";
import { testDb } from "@/lib/testing/db";
import { fixtureRelease, releaseFingerprint } from "@/lib/testing/release-fixtures";
import { fixtureTarget } from "@/lib/testing/targets";

// For lib/audit/coverage.test.ts, like coverage-scenarios.ts: the actions on tokens, webhooks,
// target databases, users and sessions, and the audit trail itself.

export const ACCOUNT_SCENARIOS: Record<string, (user: CurrentUser) => Promise<Scenario>> = {
  "token.create": async (u) => {
    const r = await fixtureRelease(u.id, "DRAFT");
    return { input: { name: "job", kind: "SIGNAL_PUSH", releaseId: r.id }, fingerprint: () => releaseFingerprint(r.id) };
  },
  "token.revoke": async (u) => {
    const token = await testDb().apiToken.create({
      data: { kind: "FLAG_READ", name: "t", tokenHash: randomUUID(), prefix: "sbr_x", createdById: u.id },
      select: { id: true },
    });
    return { input: { tokenId: token.id }, fingerprint: () => count("SELECT revoked_at FROM api_tokens WHERE id = $1::uuid", token.id) };
  },
  "webhook.create": async () => {
    const name = `hook-${randomUUID()}`;
    return {
      input: { name, url: "https://hooks.example.test/x", events: ["flip"] },
      fingerprint: () => count("SELECT count(*)::int FROM webhooks WHERE name = $1", name),
    };
  },
  "webhook.set-enabled": async () => {
    // Disabled at once, so other test files' events never queue deliveries to it.
    const hook = await testDb().webhook.create({
      data: { name: `hook-${randomUUID()}`, url: "https://hooks.example.test/y", secret: "s", events: ["flip"], enabled: false },
      select: { id: true },
    });
    return { input: { webhookId: hook.id, enabled: true }, fingerprint: () => count("SELECT enabled FROM webhooks WHERE id = $1::uuid", hook.id) };
  },
  "target.add": async () => {
    const name = `target-${randomUUID()}`;
    return {
      input: { name, url: "postgresql://reader:pw@db.example.test:5432/shop" },
      fingerprint: () => count("SELECT count(*)::int FROM target_databases WHERE name = $1", name),
    };
  },
  "target.remove": async () => {
    const id = await fixtureTarget();
    return { input: { targetId: id }, fingerprint: () => count("SELECT count(*)::int FROM target_databases WHERE id = $1::uuid", id) };
  },
  "target.test": async () => {
    const id = await fixtureTarget();
    return { input: { targetId: id }, fingerprint: () => count("SELECT last_tested_at, last_test_message FROM target_databases WHERE id = $1::uuid", id) };
  },
  "user.end_sessions": async () => {
    const other = await testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name: "Leaver", role: "VIEWER" }, select: { id: true } });
    await startSession(testDb(), other.id);
    return {
      input: { userId: other.id },
      fingerprint: () => count("SELECT count(*)::int FROM user_sessions WHERE user_id = $1::uuid AND ended_at IS NULL", other.id),
    };
  },
  "user.create": async () => {
    const email = `${randomUUID()}@test.switchback.test`;
    return { input: { name: "Newcomer", email, role: "OPERATOR" }, fingerprint: () => count("SELECT count(*)::int FROM users WHERE email = $1", email) };
  },
  "user.change_role": async () => {
    const other = await testDb().user.create({
      data: { email: `${randomUUID()}@test.switchback.test`, name: "Promoted", role: "VIEWER" },
      select: { id: true },
    });
    return { input: { userId: other.id, role: "OPERATOR" }, fingerprint: () => count("SELECT role FROM users WHERE id = $1::uuid", other.id) };
  },
  "user.set_disabled": async () => {
    const other = await testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name: "Leaver", role: "VIEWER" }, select: { id: true } });
    await startSession(testDb(), other.id);
    return {
      input: { userId: other.id, disabled: true },
      fingerprint: () =>
        count(
          "SELECT u.disabled_at, count(s.id)::int FROM users u LEFT JOIN user_sessions s ON s.user_id = u.id AND s.ended_at IS NULL WHERE u.id = $1::uuid GROUP BY u.id",
          other.id,
        ),
    };
  },
  "auth.sign_out": async (u) => {
    const sessionId = await startSession(testDb(), u.id);
    return { input: { sessionId }, fingerprint: () => count("SELECT ended_at FROM user_sessions WHERE id = $1::uuid", sessionId) };
  },
  "audit.verify_chain": async () => ({ input: {}, fingerprint: async () => "reads only" }),
  "user.update_contact": async (u) => ({
    input: { contact: "@auditor on chat" },
    fingerprint: () => count("SELECT contact FROM users WHERE id = $1::uuid", u.id),
  }),
};
