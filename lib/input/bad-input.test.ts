import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { recordDrill } from "@/lib/releases/commands/lifecycle";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { addChecklistItem } from "@/lib/releases/commands/checklist";
import { recordDecision } from "@/lib/releases/commands/deploy";
import { getReleasePlan } from "@/lib/releases/queries";
import { parseAuditQuery } from "@/lib/audit/log/filters";
import { evaluateAll, evaluateOne } from "@/lib/flags/ofrep/routes";
import { storeToken } from "@/lib/tokens/tokens";
import { readJson } from "@/lib/route";
import { as } from "@/lib/testing/actions";
import { readReleasePages } from "@/lib/testing/page-reads";
import { testDb } from "@/lib/testing/db";
import { fixtureRelease, releaseFingerprint } from "@/lib/testing/release-fixtures";
import type { CurrentUser } from "@/lib/permissions";

// lib/route.ts reaches the Next.js session through these; readJson needs neither.
vi.mock("@/lib/session", () => ({}));
vi.mock("@/lib/next-runtime", () => ({}));

// Issue 9: bad input is a 4xx naming the field, and nothing is saved. Each case here was a 500
// from PostgreSQL, a silently different value, or a release no page could load any more.

const admin = (): Promise<CurrentUser> =>
  testDb().user.create({
    data: { email: `${randomUUID()}@test.switchback.test`, name: "Input tester", role: "ADMIN" },
    select: { id: true, email: true, name: true, role: true },
  });

async function draft() {
  const user = await admin();
  const release = await fixtureRelease(user.id, "DRAFT");
  const details = (overrides: Record<string, unknown>) => ({
    releaseId: release.id,
    expectedVersion: release.version,
    title: release.title,
    service: "billing",
    summary: "",
    deployStyle: "CANARY",
    flagProvider: "BUILTIN",
    flagKey: release.flagKey,
    flagEnvironment: "production",
    decisionOwnerId: user.id,
    backupOwnerId: release.backupId,
    autoStopAfter: 3,
    ...overrides,
  });
  return { user, release, details, before: await releaseFingerprint(release.id) };
}

async function expectRefused(result: unknown, field: string, releaseId: string, before: string) {
  expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { [field]: [expect.any(String)] } } });
  expect(await releaseFingerprint(releaseId)).toBe(before);
}

describe("dates people type", () => {
  it.each([
    ["windowStart", "2026-02-30T10:00"],
    ["windowStart", "0000-01-01T00:00"],
    ["windowStart", "1999-12-31T23:59"],
    ["windowEnd", "10000-01-01T00:00"],
    ["windowEnd", "+010000-01-01T00:00:00Z"],
    ["windowEnd", "9999-12-31T23:30-01:00"],
    ["windowEnd", "2101-01-01T00:00Z"],
    ["windowEnd", "2026-11-20T24:00"],
  ])("%s = %s is refused and nothing is saved", async (field, value) => {
    const { user, release, details, before } = await draft();
    await expectRefused(await as(user)(updateReleaseDetails, details({ [field]: value })), field, release.id, before);
    await expect(getReleasePlan(user, release.id)).resolves.toMatchObject({ id: release.id });
  });

  it("why: a year-10000 row reads back as an Invalid Date, which the property tests' page check catches", async () => {
    const { user, release } = await draft();
    await readReleasePages(user, release.id);
    await testDb().$executeRawUnsafe("UPDATE releases SET window_end = '10000-01-01T00:30:00Z' WHERE id = $1::uuid", release.id);
    await expect(readReleasePages(user, release.id)).rejects.toThrow(/plan\.windowEnd is a date no page can print/);
  });

  it("a real window in range is saved as typed, in UTC", async () => {
    const { user, release, details } = await draft();
    const result = await as(user)(updateReleaseDetails, details({ windowStart: "2028-02-29T10:00", windowEnd: "2028-02-29T12:30:15+02:00" }));
    expect(result).toMatchObject({ ok: true });
    const plan = await getReleasePlan(user, release.id);
    expect([plan?.windowStart?.toISOString(), plan?.windowEnd?.toISOString()]).toEqual(["2028-02-29T10:00:00.000Z", "2028-02-29T10:30:15.000Z"]);
  });

  it.each(["0000-01-01", "1999-12-31", "2026-02-30", "10000-01-01"])("a drill on %s is refused", async (performedOn) => {
    const { user, release, before } = await draft();
    await expectRefused(await as(user)(recordDrill, { releaseId: release.id, performedOn, result: "PASSED" }), "performedOn", release.id, before);
  });
});

describe("text PostgreSQL cannot store", () => {
  it.each([
    ["title", "Nul\u0000byte"],
    ["summary", "lone \ud800 high surrogate"],
    ["service", "lone \udc00 low surrogate"],
  ])("%s with %j is refused naming the field", async (field, value) => {
    const { user, release, details, before } = await draft();
    await expectRefused(await as(user)(updateReleaseDetails, details({ [field]: value })), field, release.id, before);
  });

  it("names the path inside nested input, and takes a well-formed pair (an emoji) as it is", async () => {
    const { user, release, before } = await draft();
    const stageId = release.stages[0]!.id;
    await expectRefused(
      await as(user)(addChecklistItem, { releaseId: release.id, stageId, text: "ok", extra: { list: ["fine", "bad\u0000"] } }),
      "extra.list.1",
      release.id,
      before,
    );
    expect(await as(user)(addChecklistItem, { releaseId: release.id, stageId, text: "Ship it 🚀" })).toMatchObject({ ok: true });
  });

  it("a STOP reason with a NUL byte is a 400 through the JSON route's body reader too", async () => {
    const { user, release } = await draft();
    const request = new Request("http://localhost/api", { method: "POST", body: JSON.stringify({ verdict: "STOP", reason: "bad\u0000" }) });
    await expect(readJson(request, 64 * 1024)).rejects.toMatchObject({ code: "INVALID", fieldErrors: { reason: [expect.any(String)] } });
    const result = await as(user)(recordDecision, { releaseId: release.id, verdict: "STOP", reason: "x\ud83d" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { reason: [expect.any(String)] } } });
  });
});

describe("the audit log's filters (a URL anyone can edit)", () => {
  it.each([
    ["from", "9999-12-31T23:30-01:00"],
    ["to", "2026-02-30"],
    ["from", "0000-01-01T00:00"],
    ["to", "2026-11-20T24:00"],
    ["before", "999999999999999_1"],
    ["actor", "Switchback\u0000"],
  ])("%s = %s is a field error, not a query PostgreSQL refuses", (field, value) => {
    expect(parseAuditQuery({ [field]: value })).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
  });
});

describe("OFREP evaluation with text PostgreSQL cannot store", () => {
  it.each(["\u0000", "prod\ud800"])("environment %j and a flag key with a NUL are answered 4xx, not 500", async (environment) => {
    const user = await admin();
    const { secret } = await storeToken(testDb(), { kind: "FLAG_READ", name: "ofrep", releaseId: null, createdById: user.id });
    const request = () =>
      new Request("http://localhost/ofrep/v1/evaluate/flags", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ context: { environment } }),
      });
    expect((await evaluateAll(request())).status).toBeLessThan(500);
    expect((await evaluateOne(request(), "kill\u0000switch")).status).toBe(404);
  });
});
