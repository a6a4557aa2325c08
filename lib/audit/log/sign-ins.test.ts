import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageOfAuditEvents } from "@/lib/audit/log/events";
import { auditExportStream } from "@/lib/audit/log/export";
import { parseAuditQuery, type AuditFilters } from "@/lib/audit/log/filters";
import { countHiddenSignIns } from "@/lib/audit/log/hidden-sign-ins";
import { openAuditScratch, type AuditScratch } from "@/lib/audit/log/test-support";

// Sign-ins are left out of the global log and its export by default, counted in one line, and
// back with "Show sign-ins" or when the filter asks for them by action.

const T0 = Date.parse("2026-06-01T09:00:00.000Z");

let scratch: AuditScratch;
let releaseId: string;

const filtersOf = (query: Record<string, string>): AuditFilters => {
  const parsed = parseAuditQuery(query);
  if (!parsed.ok) throw new Error("bad query");
  return parsed.filters;
};
const actionsOf = async (filters: AuditFilters) => (await pageOfAuditEvents(scratch.sql, filters)).rows.map((row) => row.action);
const exported = async (filters: AuditFilters) =>
  (JSON.parse(await new Response(auditExportStream(scratch.pool, filters, "json")).text()) as { action: string }[]).map((e) => e.action);

beforeAll(async () => {
  scratch = await openAuditScratch();
  releaseId = (await scratch.db.release.create({ data: { title: "Split names" }, select: { id: true } })).id;
  const people = await Promise.all(
    ["Ada", "Bo", "Cy"].map(async (name) => ({
      type: "USER" as const,
      id: (await scratch.db.user.create({ data: { email: `${name}@sign-ins.test`, name }, select: { id: true } })).id,
      label: name,
    })),
  );
  await scratch.append([
    ...people.map((actor, i) => ({ at: new Date(T0 + i), actor, action: "auth.signed_in", after: { method: "password" } })),
    { at: new Date(T0 + 10), actor: people[0]!, action: "auth.signed_in", after: { method: "password" } },
    { at: new Date(T0 + 11), actor: people[0]!, action: "auth.signed_out" },
    { at: new Date(T0 + 12), actor: people[1]!, action: "release.updated", releaseId, before: { autoStopEnabled: false }, after: { autoStopEnabled: true } },
    {
      at: new Date(T0 + 13),
      actor: { type: "SYSTEM", label: "anonymous" },
      action: "auth.sign_in_failures_started",
      after: { email: "x@y.test", address: "1.2.3.4" },
    },
  ]);
});

afterAll(async () => {
  await scratch?.close();
});

describe("sign-ins in the global log", () => {
  it("are hidden by default, in the page and the export alike, and counted with the people", async () => {
    const filters = filtersOf({});
    expect(await actionsOf(filters)).toEqual(["auth.sign_in_failures_started", "release.updated"]);
    expect(await exported(filters)).toEqual(["release.updated", "auth.sign_in_failures_started"]);
    expect(await countHiddenSignIns(scratch.sql, filters)).toEqual({ count: 5, people: 3, more: false });
  });

  it("come back with Show sign-ins, in the page and the export", async () => {
    const filters = filtersOf({ signins: "show" });
    expect(filters).toEqual({ showSignIns: true });
    expect(await actionsOf(filters)).toHaveLength(7);
    expect(await exported(filters)).toHaveLength(7);
    expect(await countHiddenSignIns(scratch.sql, filters)).toBeNull();
  });

  it("show when the action filter asks for them, and need no summary under a release", async () => {
    expect(await actionsOf(filtersOf({ action: "auth.signed_in" }))).toEqual(Array(4).fill("auth.signed_in"));
    expect(await countHiddenSignIns(scratch.sql, filtersOf({ release: releaseId }))).toBeNull();
    expect(await actionsOf(filtersOf({ release: releaseId }))).toEqual(["release.updated"]);
  });

  it("are counted within the other filters", async () => {
    expect(await countHiddenSignIns(scratch.sql, filtersOf({ to: new Date(T0 + 5).toISOString() }))).toEqual({ count: 3, people: 3, more: false });
  });
});
