import { describe, expect, it } from "vitest";
import { changedFieldsPhrase, changeRows, overrideReason } from "@/lib/audit/diff";

const ADA = "6d1f1f7e-7d47-4f4f-9d3e-0f5e8c1b2a10";

describe("changeRows", () => {
  it("turns before and after into labelled rows in words, without row ids or the snapshot", () => {
    const rows = changeRows({ stage: "EXPAND", status: "ACTIVE" }, { stage: "EXPAND", status: "DONE", nextStage: "MIGRATE", snapshot: { signals: [] } });
    expect(rows).toEqual([
      { key: "stage", label: "Stage", before: "Expand", after: "Expand", changed: false },
      { key: "status", label: "Status", before: "Active", after: "Done", changed: true },
      { key: "nextStage", label: "Next stage", before: "—", after: "Migrate", changed: true },
    ]);
    expect(changeRows(null, { itemId: "i1", text: "Backfill done", done: true })).toEqual([
      { key: "text", label: "Text", before: "—", after: "Backfill done", changed: true },
      { key: "done", label: "Ticked", before: "—", after: "yes", changed: true },
    ]);
  });

  it("names people the page knows and never prints their ids", () => {
    const names = new Map([[ADA, "Ada"]]);
    const rows = changeRows({ decisionOwnerId: null, backupOwnerId: "gone" }, { decisionOwnerId: ADA, backupOwnerId: null }, names);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ["Decision owner", "unassigned", "Ada"],
      ["Backup", "a person (id in the raw event)", "unassigned"],
    ]);
  });

  it("reads times, enums and fields nobody labelled yet", () => {
    const [window, status, unknown] = changeRows({ windowStart: "2026-11-20T14:30:00.000Z", status: "IN_PROGRESS", shinyNewField: "ROLLING_BACK" }, {});
    expect(window).toMatchObject({ label: "Window start", before: "2026-11-20 14:30 UTC" });
    expect(status).toMatchObject({ label: "Status", before: "In progress" });
    expect(unknown).toMatchObject({ label: "Shiny new field", before: "Rolling back" });
  });
});

describe("changedFieldsPhrase", () => {
  it("leaves out unchanged, hidden and long values", () => {
    expect(changedFieldsPhrase({ stage: "EXPAND", sql: "ALTER TABLE" }, { stage: "EXPAND", sql: "ALTER TABLE users ADD COLUMN" })).toBe("SQL");
    expect(changedFieldsPhrase({ title: "a".repeat(50) }, { title: "b".repeat(50) })).toBe("Title");
    expect(changedFieldsPhrase({ fourEyes: false, flagKey: "old" }, { fourEyes: true, flagKey: "new" })).toBe("Four eyes: off → on; Flag key: “old” → “new”");
  });
});

describe("overrideReason", () => {
  it("finds the reason that let an event past a guard", () => {
    expect(overrideReason({ status: "READY", lintOverrideReason: " Safe lock " })).toBe("Safe lock");
    expect(overrideReason({ reassignReason: "Ada is ill" })).toBe("Ada is ill");
    expect(overrideReason({ reason: "errors" })).toBeNull();
    expect(overrideReason(null)).toBeNull();
  });
});
