import { describe, expect, it } from "vitest";
import { auditSearchParams, parseAuditQuery } from "@/lib/audit/log/filters";

const RELEASE = "0b7f5d2e-2f7c-4b1e-8a7e-4c3c2d1b0a99";
const USER = "6d1f1f7e-7d47-4f4f-9d3e-0f5e8c1b2a10";

describe("audit log query parameters", () => {
  it("treats the empty fields a GET form sends as no filter", () => {
    expect(parseAuditQuery(new URLSearchParams("release=&actor=&action=&from=&to="))).toEqual({ ok: true, filters: {}, cursor: undefined, format: "csv" });
  });

  it("tells a user id from a system actor's label", () => {
    expect(parseAuditQuery({ actor: USER })).toMatchObject({ ok: true, filters: { actorId: USER } });
    expect(parseAuditQuery({ actor: "Switchback auto-stop" })).toMatchObject({ ok: true, filters: { actorLabel: "Switchback auto-stop" } });
  });

  it("reads times without a zone as UTC, and a bare `to` date as through that day", () => {
    const query = parseAuditQuery({ from: "2026-11-20T14:30", to: "2026-11-21" });
    expect(query).toMatchObject({ ok: true, filters: { from: new Date("2026-11-20T14:30:00Z"), to: new Date("2026-11-22T00:00:00Z") } });
    expect(parseAuditQuery({ from: "2026-11-20T14:30:00+02:00" })).toMatchObject({ filters: { from: new Date("2026-11-20T12:30:00Z") } });
  });

  it("names each bad field", () => {
    const query = parseAuditQuery({ release: "nope", action: "DROP TABLE", from: "yesterday", format: "xml" });
    expect(query.ok).toBe(false);
    if (query.ok) return;
    expect(Object.keys(query.fieldErrors).sort()).toEqual(["action", "format", "from", "release"]);
    expect(parseAuditQuery({ from: "2026-11-21", to: "2026-11-20T00:00" })).toEqual({ ok: false, fieldErrors: { to: ["must be later than from"] } });
    expect(parseAuditQuery({ before: "12_abc" })).toMatchObject({ ok: false, fieldErrors: { before: [expect.any(String)] } });
  });

  it("round-trips filters and cursors through a link", () => {
    const filters = {
      releaseId: RELEASE,
      actorId: USER,
      action: "flag.changed",
      from: new Date("2026-01-01T00:00:00.000Z"),
      to: new Date("2026-02-01T08:15:30.250Z"),
    };
    const cursor = { at: new Date("2026-01-15T10:00:00.123Z"), id: "98765", direction: "older" as const };
    const params = auditSearchParams(filters, cursor);
    expect(parseAuditQuery(params)).toEqual({ ok: true, filters, cursor, format: "csv" });
    const newer = auditSearchParams({}, { ...cursor, direction: "newer" });
    expect(newer.toString()).toBe(`after=${cursor.at.getTime()}_98765`);
    expect(parseAuditQuery(newer)).toMatchObject({ ok: true, cursor: { direction: "newer", id: "98765" } });
  });
});

describe("the Show sign-ins filter", () => {
  it("reads from the URL and goes back into links and the export", () => {
    expect(parseAuditQuery({ signins: "show" })).toMatchObject({ ok: true, filters: { showSignIns: true } });
    expect(auditSearchParams({ showSignIns: true }).toString()).toBe("signins=show");
    expect(parseAuditQuery({ signins: "yes" })).toMatchObject({ ok: false, fieldErrors: { signins: [expect.any(String)] } });
  });
});
