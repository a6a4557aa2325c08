import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditExportStream } from "@/lib/audit/log/export";
import { CSV_COLUMNS } from "@/lib/audit/log/export-sql";
import { openAuditScratch, type AuditScratch } from "@/lib/audit/log/test-support";

// The streamed export: RFC 4180 quoting, every event of a set larger than the stream's buffers in
// chain order with each value as it was stored, filters (including values that need escaping in
// SQL), and a consumer that goes away stops PostgreSQL's work.

const EVENTS = 12_000;
const T0 = Date.parse("2026-05-01T00:00:00.000Z");

let scratch: AuditScratch;
let releaseId: string;
let ids: string[];
let user: { id: string; name: string };
const robot = { type: "SYSTEM", label: "O'Brien, the robot" } as const;

// A minimal RFC 4180 reader (LF or CRLF line ends), to check the file against the rules.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      record.push(field);
      records.push(record);
      field = "";
      record = [];
    } else field += c;
  }
  return records;
}

const readAll = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const field = (record: string[], name: string) => record[CSV_COLUMNS.indexOf(name)]!;

beforeAll(async () => {
  scratch = await openAuditScratch();
  releaseId = (await scratch.db.release.create({ data: { title: 'Rename "users", then backfill\nin batches' }, select: { id: true } })).id;
  user = await scratch.db.user.create({ data: { email: "lee@export.test", name: 'Lee "the" operator' }, select: { id: true, name: true } });
  const lee = { type: "USER", id: user.id, label: user.name } as const;
  // The two newest have a person as actor, no release and no `before`.
  const events = Array.from({ length: EVENTS }, (_, i) =>
    i < EVENTS - 2
      ? {
          at: new Date(T0 + Math.floor(i / 2)),
          actor: robot,
          action: "checklist.item_ticked",
          releaseId,
          before: { text: "old" },
          after: { text: `Step ${i}, "quoted"\nnext line`, stage: "MIGRATE" },
        }
      : { at: new Date(T0 + Math.floor(i / 2)), actor: lee, action: "flag.changed", releaseId: null, after: { enabled: false } },
  );
  ids = await scratch.append(events);
}, 120_000);

afterAll(async () => {
  await scratch?.close();
});

describe("audit export", () => {
  it("streams every event as CSV in chain order, each value reading back as it was, the chain followable row to row", async () => {
    const records = parseCsv(await readAll(auditExportStream(scratch.pool, {}, "csv")));
    expect(records[0]).toEqual(CSV_COLUMNS);
    const rows = records.slice(1);
    expect(rows.map((r) => r[0])).toEqual(ids);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(field(rows[i]!, "prev_hash")).toBe(field(rows[i - 1]!, "hash"));

    const [first, newest] = [rows[0]!, rows.at(-1)!];
    expect(newest.slice(2, 9)).toEqual(["USER", user.id, 'Lee "the" operator', "", "", "flag.changed", "turned the flag off"]);
    expect([field(newest, "before"), JSON.parse(field(newest, "after"))]).toEqual(["", { enabled: false }]);
    expect(field(first, "at")).toBe("2026-05-01T00:00:00.000Z");
    expect([field(first, "actor_type"), field(first, "actor_id"), field(first, "actor")]).toEqual(["SYSTEM", "", "O'Brien, the robot"]);
    expect([field(first, "release_id"), field(first, "release_title")]).toEqual([releaseId, 'Rename "users", then backfill\nin batches']);
    expect(field(first, "description")).toBe('ticked “Step 0, "quoted"\nnext line” in Migrate');
    expect(JSON.parse(field(first, "before"))).toEqual({ text: "old" });
    expect(JSON.parse(field(first, "after"))).toEqual({ text: 'Step 0, "quoted"\nnext line', stage: "MIGRATE" });
    expect(field(first, "hash")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("exports only what the filters select, with values that need escaping in SQL", async () => {
    const byRelease = parseCsv(await readAll(auditExportStream(scratch.pool, { releaseId }, "csv")));
    expect(byRelease.slice(1).map((r) => r[0])).toEqual(ids.slice(0, -2));

    const byRobot = parseCsv(
      await readAll(auditExportStream(scratch.pool, { actorLabel: robot.label, from: new Date(T0 + 1000), to: new Date(T0 + 1002) }, "csv")),
    );
    expect(byRobot.slice(1).map((r) => r[0])).toEqual(ids.slice(2000, 2004));

    const byPerson = parseCsv(await readAll(auditExportStream(scratch.pool, { actorId: user.id, action: "flag.changed" }, "csv")));
    expect(byPerson.slice(1).map((r) => r[0])).toEqual(ids.slice(-2));

    const injected = parseCsv(await readAll(auditExportStream(scratch.pool, { actorLabel: "x' OR '1'='1" }, "csv")));
    expect(injected).toEqual([CSV_COLUMNS]);
  });

  it("streams the same events as one JSON array, and an empty set as []", async () => {
    const events = JSON.parse(await readAll(auditExportStream(scratch.pool, {}, "json"))) as Record<string, unknown>[];
    expect(events.map((e) => e.id)).toEqual(ids);
    expect(Object.keys(events[0]!)).toEqual([
      "id",
      "at",
      "actorType",
      "actorId",
      "actor",
      "releaseId",
      "releaseTitle",
      "action",
      "description",
      "before",
      "after",
      "prevHash",
      "hash",
    ]);
    expect(events.at(-1)).toMatchObject({
      actorType: "USER",
      actorId: user.id,
      actor: 'Lee "the" operator',
      releaseId: null,
      releaseTitle: null,
      description: "turned the flag off",
      before: null,
      after: { enabled: false },
    });
    expect(events[0]).toMatchObject({
      at: "2026-05-01T00:00:00.000Z",
      actor: "O'Brien, the robot",
      releaseTitle: 'Rename "users", then backfill\nin batches',
      after: { stage: "MIGRATE", text: 'Step 0, "quoted"\nnext line' },
      prevHash: null,
    });
    expect(JSON.parse(await readAll(auditExportStream(scratch.pool, { action: "nothing.here" }, "json")))).toEqual([]);
  });

  it("stops PostgreSQL's work and frees the connection when the consumer cancels or the request is aborted", async () => {
    const copying = async () =>
      (
        await scratch.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%' AND pid <> pg_backend_pid()")
      )[0]!.n;
    const settled = async () => {
      for (let i = 0; i < 50 && (await copying()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return copying();
    };

    const reader = auditExportStream(scratch.pool, {}, "csv").getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(await settled()).toBe(0);

    const abort = new AbortController();
    const aborted = auditExportStream(scratch.pool, {}, "json", { signal: abort.signal }).getReader();
    expect((await aborted.read()).done).toBe(false);
    abort.abort();
    let chunks = 0;
    while (!(await aborted.read()).done) chunks++;
    expect(chunks).toBeLessThanOrEqual(1);
    expect(await settled()).toBe(0);
    // Both connections were given back (closed): the pool still serves queries.
    expect(await scratch.sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });
});
