import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/permissions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { storeToken } from "@/lib/tokens/tokens";

// The real route handlers, called as Next.js would call them, with the session cookie stood in
// for by a mocked current user: a browser attaches that cookie to requests any site starts.

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/session", () => ({ getCurrentUser: async () => signedIn, requireUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const { POST: flagOff } = await import("@/app/api/v1/releases/[id]/flag/off/route");
const { POST: decisions } = await import("@/app/api/v1/releases/[id]/decisions/route");
const { POST: lint } = await import("@/app/api/v1/lint/route");
const { POST: verifyChain } = await import("@/app/api/v1/audit/verify/route");
const { POST: pushSignals } = await import("@/app/api/v1/releases/[id]/signals/route");
const { GET: gate } = await import("@/app/api/v1/releases/[id]/gate/route");

const APP = "http://switchback.test";

function post(path: string, body: string | undefined, headers: Record<string, string>) {
  return new Request(`${APP}${path}`, { method: "POST", body, headers: { host: "switchback.test", ...headers } });
}
const json = { "content-type": "application/json" };
const context = (id: string) => ({ params: Promise.resolve({ id }) });

async function liveRelease() {
  const admin = await createUser("ADMIN");
  const key = `csrf-${randomUUID().slice(0, 8)}`;
  const release = await testDb().release.create({
    data: {
      title: "Guard me",
      status: "IN_PROGRESS",
      flagKey: key,
      flagEnvironment: "production",
      decisionOwnerId: admin.id,
      backupOwnerId: (await createUser("OPERATOR")).id,
    },
    select: { id: true },
  });
  await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
  signedIn = admin;
  return { id: release.id, key, admin };
}
const flagEnabled = async (key: string) => (await testDb().flag.findFirstOrThrow({ where: { key } })).enabled;

beforeEach(() => {
  signedIn = null;
});

describe("cookie-authenticated JSON routes", () => {
  it("refuse a text/plain body that happens to hold JSON (the form-post attack), changing nothing", async () => {
    const r = await liveRelease();
    const response = await flagOff(post(`/api/v1/releases/${r.id}/flag/off`, '{"expected":true,"x":"="}', { "content-type": "text/plain" }), context(r.id));
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("application/json") } });
    expect(await flagEnabled(r.key)).toBe(true);
  });

  it("refuse a foreign Origin, and a browser's Sec-Fetch-Site: cross-site or same-site, with 403", async () => {
    const r = await liveRelease();
    const body = JSON.stringify({ expected: true });
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "http://switchback.test.evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of attempts) {
      const response = await flagOff(post(`/api/v1/releases/${r.id}/flag/off`, body, { ...json, ...headers }), context(r.id));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe("FORBIDDEN");
    }
    const decided = await decisions(
      post(`/api/v1/releases/${r.id}/decisions`, JSON.stringify({ verdict: "GO", reason: "x" }), { ...json, origin: "https://evil.example" }),
      context(r.id),
    );
    expect(decided.status).toBe(403);
    expect(await flagEnabled(r.key)).toBe(true);
  });

  it("accept the app's own origin, as the Host or a proxy's X-Forwarded-Host names it, and clients that send no Origin", async () => {
    const r = await liveRelease();
    const off = await flagOff(
      post(`/api/v1/releases/${r.id}/flag/off`, JSON.stringify({ expected: true }), { ...json, origin: APP, "sec-fetch-site": "same-origin" }),
      context(r.id),
    );
    expect(off.status).toBe(200);
    const proxied = await decisions(
      post(`/api/v1/releases/${r.id}/decisions`, JSON.stringify({ verdict: "STOP", reason: "Error rate doubled" }), {
        ...json,
        "content-type": "application/json; charset=utf-8",
        origin: "https://switchback.example.com",
        "x-forwarded-host": "switchback.example.com",
      }),
      context(r.id),
    );
    expect(proxied.status).not.toBe(403);
    expect(proxied.status).not.toBe(415);
    expect(await flagEnabled(r.key)).toBe(false);
    const script = await lint(post("/api/v1/lint", JSON.stringify({ stage: "EXPAND", sql: "SELECT 1;" }), json), context(""));
    expect(script.status).toBe(200);
  });

  it("guard every POST behind the session, not only the flag routes", async () => {
    signedIn = await createUser("ADMIN");
    const foreignLint = await lint(
      post("/api/v1/lint", JSON.stringify({ stage: "EXPAND", sql: "SELECT 1;" }), { ...json, origin: "https://evil.example" }),
      context(""),
    );
    expect(foreignLint.status).toBe(403);
    const plainLint = await lint(post("/api/v1/lint", JSON.stringify({ stage: "EXPAND", sql: "SELECT 1;" }), { "content-type": "text/plain" }), context(""));
    expect(plainLint.status).toBe(415);
    const foreignVerify = await verifyChain(post("/api/v1/audit/verify", undefined, { origin: "https://evil.example" }));
    expect(foreignVerify.status).toBe(403);
    const formVerify = await verifyChain(post("/api/v1/audit/verify", "a=b", { origin: APP, "content-type": "application/x-www-form-urlencoded" }));
    expect(formVerify.status).toBe(415);
  });

  // A gate that opens writes "passed the gate" to the audit trail: a link on another site must not
  // make a signed-in person's browser write it.
  it("refuse a person's gate request started by another site, recording no passage", async () => {
    const admin = await createUser("ADMIN");
    signedIn = admin;
    const release = await fixtureRelease(admin.id, "IN_PROGRESS");
    const ask = (headers: Record<string, string>) =>
      gate(new Request(`${APP}/api/v1/releases/${release.id}/gate?stage=expand`, { headers: { host: "switchback.test", ...headers } }), context(release.id));
    const passages = () => testDb().auditEvent.count({ where: { releaseId: release.id, action: "pipeline.gate_passed" } });
    for (const headers of [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }]) {
      const response = await ask(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await passages()).toBe(0);
    const own = await ask({ "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(200);
    expect(await passages()).toBe(1);
  });

  it("leave bearer-token pushes as they are: no cookie, so no origin rule", async () => {
    const r = await liveRelease();
    signedIn = null;
    const { secret } = await testDb().$transaction((tx) => storeToken(tx, { kind: "SIGNAL_PUSH", name: "ci", releaseId: r.id, createdById: r.admin.id }));
    const response = await pushSignals(
      post(`/api/v1/releases/${r.id}/signals`, JSON.stringify([{ signal: "error_rate", value: 1 }]), {
        authorization: `Bearer ${secret}`,
        origin: "https://ci.example",
      }),
      context(r.id),
    );
    expect(response.status).not.toBe(403);
    expect(response.status).not.toBe(415);
  });
});
