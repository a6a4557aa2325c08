import { randomUUID } from "node:crypto";
import { startSession } from "@/lib/auth/sessions";
import { ROW, WHO, type Row } from "@/lib/security/permission-rows";
import { testDb } from "@/lib/testing/db";
import { fixtureTarget } from "@/lib/testing/targets";

// The rows of lib/security/permission-matrix.test.ts for the global actions (plans created,
// users, tokens, webhooks, target databases, the chain), checked once rather than per release status.

export const GLOBAL_ROWS: Record<string, Row> = {
  "release.create": { who: ROW.createPlan, global: true, input: () => ({ title: `Matrix ${randomUUID()}` }) },
  "token.create": { who: ROW.admin, global: true, input: () => ({ name: "job", kind: "FLAG_READ" }) },
  "token.revoke": { who: ROW.admin, global: true, input: () => ({ tokenId: randomUUID() }) },
  "webhook.create": { who: ROW.admin, global: true, input: () => ({ name: `hook-${randomUUID()}`, url: "https://hooks.example.test/x", events: ["flip"] }) },
  "webhook.set-enabled": { who: ROW.admin, global: true, input: () => ({ webhookId: randomUUID(), enabled: false }) },
  "target.add": { who: ROW.admin, global: true, input: () => ({ name: `target-${randomUUID()}`, url: "postgresql://reader:pw@db.example.test:5432/shop" }) },
  "target.remove": { who: ROW.admin, global: true, input: async () => ({ targetId: await fixtureTarget() }) },
  "target.test": { who: ROW.admin, global: true, input: async () => ({ targetId: await fixtureTarget() }) },
  "user.end_sessions": { who: ROW.admin, global: true, input: (_r, _user, users) => ({ userId: users.viewer.id }) },
  "user.create": {
    who: ROW.admin,
    global: true,
    input: () => ({ name: "Matrix newcomer", email: `matrix-new-${randomUUID()}@test.switchback.test`, role: "VIEWER" }),
  },
  // A fresh account each time: the matrix's own users keep their roles and stay enabled.
  "user.change_role": { who: ROW.admin, global: true, input: async () => ({ userId: await matrixAccount(), role: "OPERATOR" }) },
  "user.set_disabled": { who: ROW.admin, global: true, input: async () => ({ userId: await matrixAccount(), disabled: true }) },
  // Anyone signed in ends their own session (never another's: see lib/auth/sessions.test.ts).
  "auth.sign_out": { who: WHO, global: true, input: async (_r, user) => ({ sessionId: await startSession(testDb(), user.id) }) },
  "audit.verify_chain": { who: ROW.admin, global: true, input: () => ({}) },
  // Everyone keeps their own contact line (it is only ever their own: the action takes no user id).
  "user.update_contact": { who: WHO, global: true, input: () => ({ contact: "@me on chat" }) },
};

const matrixAccount = async () =>
  (
    await testDb().user.create({
      data: { email: `matrix-target-${randomUUID()}@test.switchback.test`, name: "Matrix target", role: "VIEWER" },
      select: { id: true },
    })
  ).id;
