import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { auditEventsSql, pageOfAuditEvents } from "@/lib/audit/log/events";
import { readAuditFacets } from "@/lib/audit/log/facets";
import type { AuditCursor, AuditFilters } from "@/lib/audit/log/filters";
import type { Sql } from "@/lib/db/sql";
import { commandOf, hostSteal, mb, memoryKb, pidListeningOn, sampleRss, stealShare } from "./lib/proc";
import { SEED_ACTIONS, SYSTEM_LABELS, seedAuditTrail, type SeededTrail } from "./lib/seed-audit";
import { startBenchServer } from "./lib/server";
import { ms, percentile } from "./lib/stats";

// `node --import tsx scripts/bench/audit.ts`: the global audit log on 1,000,000 events.
// (a) a filtered page (release + action + time range, 50 rows) through the same function the
//     page uses, in-process — budget p95 < 20 ms;
// (b) the CSV export of every event through the real HTTP route, with the server's peak RSS —
//     budget < 20 s and < 200 MB; then the export module alone in a bare Node process.

const EVENTS = 1_000_000;
const PAGE_QUERIES = 250;
const DAY = 86_400_000;

// A seeded PRNG, so every run asks the same questions.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}   p95 ${ms(percentile(sorted, 95))}   max ${ms(sorted.at(-1) ?? Number.NaN)}   (${sorted.length} queries)`;
};

// The plan with these values, run; or the generic plan a named statement may settle on.
async function explain(sql: Sql, filters: AuditFilters, generic: boolean): Promise<string> {
  const { text, params } = auditEventsSql(filters, { limit: 51 });
  const plan = await sql.query<{ "QUERY PLAN": string }>(
    generic ? `EXPLAIN (GENERIC_PLAN) ${text}` : `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
    generic ? [] : params,
  );
  return plan.map((row) => `    ${row["QUERY PLAN"]}`).join("\n");
}

async function benchPages(sql: Sql, trail: SeededTrail) {
  const rand = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const span = trail.end.getTime() - trail.start.getTime();
  const filtered = (): AuditFilters => {
    const index = Math.floor(rand() * trail.releases.length);
    // Half the windows sit around the release's own busy week, half anywhere in the year.
    const activeFrom = trail.start.getTime() + (index * span) / trail.releases.length;
    const from = rand() < 0.5 ? activeFrom - rand() * 10 * DAY : trail.start.getTime() + rand() * (span - 120 * DAY);
    return { releaseId: trail.releases[index], action: pick(SEED_ACTIONS), from: new Date(from), to: new Date(from + (1 + rand() * 120) * DAY) };
  };
  for (let i = 0; i < 20; i++) await pageOfAuditEvents(sql, filtered());

  const times: number[] = [];
  const steal = await hostSteal();
  let rows = 0;
  for (let i = 0; i < PAGE_QUERIES; i++) {
    const filters = filtered();
    const [page, t] = await timed(() => pageOfAuditEvents(sql, filters));
    times.push(t);
    rows += page.rows.length;
    // One in five goes on to the next page, as someone reading the log would.
    if (page.nextCursor && i % 5 === 0) times.push((await timed(() => pageOfAuditEvents(sql, filters, page.nextCursor!)))[1]);
  }
  console.log(
    `\n(a) Filtered page, release + action + time range, 50 rows, on ${EVENTS.toLocaleString("en-US")} events (avg ${(rows / PAGE_QUERIES).toFixed(0)} rows/page):`,
  );
  console.log(`  ${summary(times)}   (budget: p95 < 20 ms; host steal ${stealShare(steal, await hostSteal())})`);
  const sample = filtered();
  console.log(`  EXPLAIN ANALYZE of one such page (custom plan):\n${await explain(sql, sample, false)}`);
  console.log(`  …and the generic plan a prepared statement may switch to:\n${await explain(sql, sample, true)}`);

  const other = async (label: string, make: () => AuditFilters, cursor?: () => AuditCursor) => {
    const t: number[] = [];
    for (let i = 0; i < 50; i++) {
      const filters = make();
      t.push((await timed(() => pageOfAuditEvents(sql, filters, cursor?.())))[1]);
    }
    console.log(`  ${label.padEnd(44)} ${summary(t)}`);
  };
  console.log("\nOther page shapes, for comparison:");
  await other("release only (per-action merge)", () => ({ releaseId: pick(trail.releases) }));
  await other("actor only", () => ({ actorId: pick(trail.users) }));
  await other("system actor by label", () => ({ actorLabel: pick(SYSTEM_LABELS) }));
  await other("action only", () => ({ action: pick(SEED_ACTIONS) }));
  await other(
    "no filter, deep cursor (random point in year)",
    () => ({}),
    () => ({ at: new Date(trail.start.getTime() + rand() * span), id: "9223372036854775807", direction: "older" }),
  );
  const facetTimes: number[] = [];
  for (let i = 0; i < 20; i++) facetTimes.push((await timed(() => readAuditFacets(sql)))[1]);
  console.log(`  ${"filter choices (listAuditFacets)".padEnd(44)} ${summary(facetTimes)}`);
}

// `encoding`: "identity" reads it as curl does; "gzip" as a browser does (Next.js then compresses).
async function benchHttpExport(baseUrl: string, cookie: string, expectedRows: number, encoding: "identity" | "gzip") {
  const pid = await pidListeningOn(Number(new URL(baseUrl).port));
  const baseline = await memoryKb(pid);
  const sampler = sampleRss(pid);
  const steal = await hostSteal();
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/audit/export?format=csv`, { headers: { Cookie: cookie, "Accept-Encoding": encoding } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  const firstByte = performance.now() - started;
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const { peakKb, samples } = await sampler.stop();
  const { hwm } = await memoryKb(pid);
  console.log(
    `\n(b) CSV export of ALL events through GET /api/v1/audit/export, Accept-Encoding: ${encoding} (server pid ${pid}: ${(await commandOf(pid)).slice(0, 40)}):`,
  );
  console.log(
    `  ${(lines - 1).toLocaleString("en-US")} rows (expected ${expectedRows.toLocaleString("en-US")}), ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s (first byte after ${ms(firstByte)}; content-encoding: ${response.headers.get("content-encoding") ?? "none"}; host steal ${stealShare(steal, await hostSteal())})   (budget: < 20 s)`,
  );
  console.log(
    `  server RSS: before ${mb(baseline.rss)}, peak during export ${mb(peakKb)} (+${mb(peakKb - baseline.rss)}; ${samples} samples every 50 ms), VmHWM ${mb(hwm)} (lifetime peak)   (budget: < 200 MB)`,
  );
  return baseline.rss;
}

async function benchStandaloneExport(databaseUrl: string) {
  const steal = await hostSteal();
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/bench/lib/export-sink.ts", databaseUrl, "csv"], {
    maxBuffer: 1024 * 1024,
  });
  const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as { ms: number; bytes: number; lines: number; baselineKb: number; peakKb: number; hwmKb: number };
  console.log("\n    The same export, by the export module alone in a bare Node process writing to a null sink:");
  console.log(
    `  ${(r.lines - 1).toLocaleString("en-US")} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ${(r.ms / 1000).toFixed(1)} s (host steal ${stealShare(steal, await hostSteal())}); RSS before ${mb(r.baselineKb)}, peak ${mb(r.peakKb)}, VmHWM ${mb(r.hwmKb)}`,
  );
}

async function main() {
  console.log("Starting Switchback (embedded PostgreSQL, next start)…");
  const server = await startBenchServer();
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });
  const sql: Sql = { query: async <R>(text: string, params: unknown[] = [], name?: string) => (await pool.query({ text, values: params, name })).rows as R[] };
  try {
    const [trail, seedMs] = await timed(() => seedAuditTrail(server.databaseUrl, EVENTS));
    const [, vacuumMs] = await timed(() => sql.query("VACUUM (ANALYZE) audit_events"));
    const count = (await sql.query<{ count: number }>("SELECT count(*)::int AS count FROM audit_events"))[0]!.count;
    console.log(
      `Seeded ${EVENTS.toLocaleString("en-US")} audit events (${trail.releases.length} releases, ${SEED_ACTIONS.length} actions, ${trail.users.length + SYSTEM_LABELS.length} actors, one year) in ${(seedMs / 1000).toFixed(1)} s; VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s; ${count.toLocaleString("en-US")} events in all.`,
    );

    await benchPages(sql, trail);

    const viewer = await server.db.user.create({
      data: { email: "viewer@bench.test", name: "Bench viewer", role: "VIEWER" },
      select: { id: true, name: true, email: true, role: true },
    });
    const cookie = await server.sessionCookie(viewer);
    // The route's first request loads its code and grows the heap once, whatever it exports; an
    // empty export first keeps that one-off cost out of the million-row figure, and is printed.
    const pid = await pidListeningOn(Number(new URL(server.baseUrl).port));
    const cold = (await memoryKb(pid)).rss;
    const warmUp = await fetch(`${server.baseUrl}/api/v1/audit/export?format=csv&action=nothing.here`, { headers: { Cookie: cookie } });
    if (warmUp.status !== 200) throw new Error(`the warm-up export answered ${warmUp.status}`);
    await warmUp.text();
    console.log(`\nServer RSS before any export ${mb(cold)}; after one empty export (the route's code loaded) ${mb((await memoryKb(pid)).rss)}.`);
    const serverBaseline = await benchHttpExport(server.baseUrl, cookie, count, "identity");
    await benchHttpExport(server.baseUrl, cookie, count, "gzip");
    if (serverBaseline > 100 * 1024)
      console.log(`  (the server's own baseline is ${mb(serverBaseline)} before any export, so the export is measured alone too)`);
    await benchStandaloneExport(server.databaseUrl);
  } finally {
    await pool.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
