import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startUnleash, type UnleashPeer } from "@/lib/testing/unleash";

// Applications of an Unleash release read Unleash, never Switchback's OFREP: its flip, applied in
// a real Unleash, leaves nothing for the flag watcher to wait on.
let unleash: UnleashPeer;
beforeAll(async () => {
  unleash = await startUnleash();
}, 180_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await unleash?.stop();
});

async function admin(path: string, method = "GET", body?: unknown) {
  const response = await fetch(`${unleash.url}/api/admin/${path}`, {
    method,
    headers: { Authorization: unleash.adminToken, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
}

it("an applied Unleash flip opens no convergence", async () => {
  const key = `switchback-converge-${randomUUID().slice(0, 8)}`;
  await admin("projects/default/features", "POST", { name: key, type: "kill-switch" });
  await admin(`projects/default/features/${key}/environments/development/on`, "POST");
  // The server's environment is read once at start: the app's modules load again with Unleash set.
  vi.stubEnv("UNLEASH_URL", unleash.url);
  vi.stubEnv("UNLEASH_API_TOKEN", unleash.adminToken);
  vi.resetModules();
  const { getDb } = await import("@/lib/db");
  const { appendAudit } = await import("@/lib/audit/append");
  const { performFlip } = await import("@/lib/flags/flip");
  const db = getDb();
  const release = await db.release.create({
    data: { title: "Unleash flip", status: "IN_PROGRESS", flagProvider: "UNLEASH", flagKey: key, flagEnvironment: "development" },
    select: { id: true },
  });
  // A built-in row of the same name, left from when the plan used the built-in provider, is not it.
  await db.flag.create({ data: { key, environment: "development", enabled: true } });
  const actor = { type: "SYSTEM", label: "Test operator" } as const;
  const outcome = await db.$transaction((tx) =>
    performFlip(tx, { releaseId: release.id, expected: true, next: false, actor, audit: async (e) => void (await appendAudit(tx, { ...e, actor })) }),
  );
  expect(outcome).toMatchObject({ kind: "applied", state: { enabled: false } });
  expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "flag.changed" } })).toBe(1);
  expect(await db.flagConvergence.count({ where: { releaseId: release.id } })).toBe(0);
});
