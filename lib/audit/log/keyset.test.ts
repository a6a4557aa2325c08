import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append";
import { readAuditFacets } from "@/lib/audit/log/facets";
import { pageOfAuditEvents, type AuditRow } from "@/lib/audit/log/events";
import type { AuditCursor, AuditFilters } from "@/lib/audit/log/filters";
import { newestFirst, openAuditScratch, type AuditScratch } from "@/lib/audit/log/test-support";

// Keyset paging over a small trail with many ties on `at`, checked against the same trail
// filtered and sorted in plain TypeScript.

const ACTIONS = ["release.updated", "flag.changed", "stage.completed", "checklist.item_ticked"];
const T0 = Date.parse("2026-03-01T12:00:00.000Z");

interface Expected {
  id: string;
  at: Date;
  releaseId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
}

let scratch: AuditScratch;
let expected: Expected[];
let releases: string[];
let users: { id: string; name: string }[];
const system: Actor = { type: "SYSTEM", label: "Switchback auto-stop" };

beforeAll(async () => {
  scratch = await openAuditScratch();
  const { db } = scratch;
  users = await Promise.all(["Ada", "Grace"].map((name) => db.user.create({ data: { email: `${name}@keyset.test`, name }, select: { id: true, name: true } })));
  releases = await Promise.all(
    ["Split names", "Drop legacy table", "Never audited"].map(async (title) => (await db.release.create({ data: { title }, select: { id: true } })).id),
  );
  const actors: Actor[] = [...users.map((u): Actor => ({ type: "USER", id: u.id, label: u.name })), system];
  // 150 events in runs of 1–5 sharing one millisecond, so page boundaries fall inside ties.
  const events = Array.from({ length: 150 }, (_, i) => ({
    at: new Date(T0 + Math.floor(i / ((i % 5) + 1)) * 60_000 + (i % 3 === 0 ? 0 : 7)),
    actor: actors[i % actors.length]!,
    action: ACTIONS[Math.floor(i / 2) % ACTIONS.length]!,
    releaseId: i % 10 === 9 ? null : releases[i % 2]!,
    after: { n: i },
  }));
  const ids = await scratch.append(events);
  expected = events.map((event, i) => ({
    id: ids[i]!,
    at: event.at,
    releaseId: event.releaseId,
    actorId: event.actor.type === "USER" ? event.actor.id : null,
    actorLabel: event.actor.label,
    action: event.action,
  }));
});

afterAll(async () => {
  await scratch?.close();
});

async function walk(filters: AuditFilters, limit: number): Promise<{ pages: AuditRow[][]; last: AuditCursor | null }> {
  const pages: AuditRow[][] = [];
  let cursor: AuditCursor | undefined;
  for (;;) {
    const page = await pageOfAuditEvents(scratch.sql, filters, cursor, limit);
    pages.push(page.rows);
    if (!page.nextCursor) return { pages, last: page.newerCursor };
    cursor = page.nextCursor;
  }
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

function matching(filters: AuditFilters): string[] {
  return ids(
    newestFirst(
      expected.filter(
        (e) =>
          (!filters.releaseId || e.releaseId === filters.releaseId) &&
          (!filters.actorId || e.actorId === filters.actorId) &&
          (!filters.actorLabel || (e.actorId === null && e.actorLabel === filters.actorLabel)) &&
          (!filters.action || e.action === filters.action) &&
          (!filters.from || e.at >= filters.from) &&
          (!filters.to || e.at < filters.to),
      ),
    ),
  );
}

describe("audit log keyset pages", () => {
  it("walks every event exactly once, newest first, across boundaries inside ties on `at`", async () => {
    expect(new Set(expected.map((e) => e.at.getTime())).size).toBeLessThan(expected.length);
    const { pages } = await walk({}, 7);
    const walked = pages.flat();
    expect(ids(walked)).toEqual(matching({}));
    expect(new Set(ids(walked)).size).toBe(expected.length);
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(walked[0]).toMatchObject({ releaseTitle: expect.any(String), actorType: expect.stringMatching(/USER|SYSTEM/), hash: expect.any(String) });
  });

  it("walks back up with the Newer cursors to the very same pages", async () => {
    const { pages, last } = await walk({ releaseId: releases[0] }, 9);
    const back: string[][] = [];
    let cursor = last ?? undefined;
    while (cursor) {
      const page = await pageOfAuditEvents(scratch.sql, { releaseId: releases[0] }, cursor, 9);
      back.unshift(ids(page.rows));
      cursor = page.newerCursor ?? undefined;
    }
    expect(back).toEqual(pages.slice(0, -1).map(ids));
  });

  it("says there is nothing newer on the first page and nothing older on the last", async () => {
    const first = await pageOfAuditEvents(scratch.sql, {}, undefined, 10);
    expect(first.newerCursor).toBeNull();
    expect(first.nextCursor).not.toBeNull();
    const all = await pageOfAuditEvents(scratch.sql, {}, undefined, 1000);
    expect(all.rows).toHaveLength(expected.length);
    expect(all.nextCursor).toBeNull();
  });

  it("narrows by each filter, and by several at once", async () => {
    const from = new Date(T0 + 20 * 60_000);
    const to = new Date(T0 + 90 * 60_000);
    const cases: AuditFilters[] = [
      { releaseId: releases[0] },
      { releaseId: releases[2] },
      { actorId: users[1]!.id },
      { actorLabel: system.label },
      { actorLabel: "Ada" },
      { action: "flag.changed" },
      { from },
      { to },
      { from, to },
      { releaseId: releases[1], action: "stage.completed", from, to },
      { releaseId: releases[0], actorId: users[0]!.id, from },
      { actorLabel: system.label, action: "release.updated", to },
    ];
    for (const filters of cases) {
      const walked = (await walk(filters, 6)).pages.flat();
      expect(ids(walked), JSON.stringify(filters)).toEqual(matching(filters));
    }
    expect(matching({ releaseId: releases[2] })).toEqual([]);
    expect(matching({ releaseId: releases[1], action: "stage.completed", from, to }).length).toBeGreaterThan(0);
  });

  it("offers the releases, people, system actors and actions to filter by", async () => {
    const facets = await readAuditFacets(scratch.sql);
    expect(facets.releases.map((r) => r.id).sort()).toEqual([...releases].sort());
    expect(facets.actors).toEqual([
      { value: users[0]!.id, label: "Ada", system: false },
      { value: users[1]!.id, label: "Grace", system: false },
      { value: system.label, label: system.label, system: true },
    ]);
    expect(facets.actions).toEqual([...ACTIONS].sort());
  });
});
