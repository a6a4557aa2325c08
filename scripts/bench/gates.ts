import { availableParallelism, loadavg } from "node:os";
import { coreShare } from "./lib/cpu";
import { listenForDecisions, postGo } from "./lib/gate-decisions";
import { openHeapProbe, type HeapReading } from "./lib/gate-heap";
import { createGateReleases } from "./lib/gate-releases";
import { statementCounter, statementsBetween, type StatementCounter } from "./lib/gate-statements";
import { openGateWaiters } from "./lib/gate-waiters";
import { hostSteal, mb, memoryKb, pidListeningOn, stealShare } from "./lib/proc";
import { createBenchAdmin, startBenchServer } from "./lib/server";
import { percentile } from "./lib/stats";

// `npm run bench:gates`: issue #14's gate budget, one run on one fresh instance, every figure beside
// the same instance's baseline:
// 1. server RSS idle (median over 10 s);
// 2. PIPELINES pipelines, one per release (distinct releases: the harder case, every watch judges on
//    its own), long-polling the Migrate gate with wait=900 → RSS after 20 s (budget ≤ 30 MB more),
//    as held once garbage is collected (the budget's figure), and as read without collecting;
// 3. statements the server runs over 30 s without and with them (pg_stat_statements) → per waiting
//    request per second (budget: no query per waiting request per second, well under 1);
// 4. a Go on every release through the decisions route → commit to the gate's 200 (budget 1 s).
// Nothing here fails on a figure.

const QUICK = process.argv.includes("--quick");
// `-- --heap`: a diagnosis of where the waiters' live memory goes (lib/gate-heap.ts).
const HEAP = process.argv.includes("--heap");
const PIPELINES = QUICK ? 20 : 200;
const WAIT_SECONDS = 900;
const SETTLE_MS = QUICK ? 5_000 : 20_000;
const RSS_WINDOW_SECONDS = 10;
const STATEMENT_SECONDS = QUICK ? 15 : 30;
const RSS_BUDGET_KB = 30 * 1024;
const ANSWER_BUDGET_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A Node server's RSS moves by tens of MB with its own garbage collection: the median of a sample a
// second over a window says more than one reading.
async function medianRssKb(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RSS_WINDOW_SECONDS; i++) {
    samples.push((await memoryKb(pid)).rss);
    await sleep(1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

// RSS (median over its first 10 s), statements and CPU over one window of STATEMENT_SECONDS.
async function window(pid: number, counter: StatementCounter) {
  const before = await counter.read();
  const [rss, cpu] = await Promise.all([medianRssKb(pid), coreShare(pid, STATEMENT_SECONDS)]);
  const statements = statementsBetween(before, await counter.read());
  return { rss, cpu, statements, perSecond: statements.total / cpu.wall };
}

const row = (label: string, values: number[], budget?: number) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
  const figures = `p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  max ${f(sorted.at(-1) ?? Number.NaN)}  n ${String(sorted.length).padStart(4)}`;
  // A gate that never answered counts against the budget, not out of the sample.
  const held = budget !== undefined && sorted.length === values.length && (sorted.at(-1) ?? Number.POSITIVE_INFINITY) <= budget;
  return `   ${label.padEnd(48)} ${figures}${budget === undefined ? "" : held ? "  holds" : "  FAILS"}`;
};

// Per statement: calls/s while waiting minus calls/s at baseline, largest first (background loops cancel out).
const ADDED_TOP = 8;
type Window = Awaited<ReturnType<typeof window>>;
function addedByQuery(quiet: Window, busy: Window) {
  const rate = (w: Window) => {
    const rates = new Map<string, number>();
    for (const r of w.statements.all) rates.set(r.query, (rates.get(r.query) ?? 0) + r.calls / w.cpu.wall);
    return rates;
  };
  const [before, after] = [rate(quiet), rate(busy)];
  return [...after.entries()]
    .map(([query, perSecond]) => ({ query, perSecond: perSecond - (before.get(query) ?? 0) }))
    .filter((r) => r.perSecond > 0.05)
    .sort((a, b) => b.perSecond - a.perSecond)
    .slice(0, ADDED_TOP);
}

function heapLines(before: HeapReading, after: HeapReading, sampled: { totalKb: number; frames: [string, number][]; files: [string, number][] }) {
  const field = (name: keyof HeapReading) =>
    `${name} ${mb(before[name])} → ${mb(after[name])} (${signedMb(after[name] - before[name])}, ${((after[name] - before[name]) / PIPELINES).toFixed(0)} kB per waiter)`;
  return [
    `5. Diagnosis (--heap): live memory after a forced collection, before and with the ${PIPELINES} waiters`,
    `   ${(["rss", "heapUsed", "external", "arrayBuffers"] as const).map(field).join("\n   ")}`,
    `   allocations made while they opened and still live (sampled, ${mb(sampled.totalKb)}), by file:`,
    ...sampled.files.map(([file, bytes]) => `     ${(bytes / 1024).toFixed(0).padStart(6)} kB  ${file}`),
    `   by allocating function:`,
    ...sampled.frames.map(([frame, bytes]) => `     ${(bytes / 1024).toFixed(0).padStart(6)} kB  ${frame}`),
  ];
}

const signedMb = (kb: number) => `${kb < 0 ? "−" : "+"}${mb(Math.abs(kb))}`;

async function main() {
  const started = new Date();
  const steal0 = await hostSteal();
  console.log("Starting Switchback (embedded PostgreSQL, npm start's script)…");
  const server = await startBenchServer();
  const { db, baseUrl } = server;
  const cleanups: (() => unknown)[] = [];
  try {
    const pid = await pidListeningOn(Number(new URL(baseUrl).port));
    const admin = await createBenchAdmin(db);
    const cookie = await server.sessionCookie(admin);
    console.log(`Creating ${PIPELINES + 1} releases waiting at Migrate for a Go, a gate token each…`);
    const [spare, ...releases] = await createGateReleases(db, admin.id, PIPELINES + 1);
    const counter = await statementCounter(server.databaseUrl);
    cleanups.push(() => counter.close());
    const decisions = await listenForDecisions(server.databaseUrl);
    cleanups.push(() => decisions.close());

    // One pipeline's whole path first, on a spare release: the gate route, the decisions route and
    // the audited pass are loaded before the baseline, not counted as the waiters' cost.
    const warm = openGateWaiters(baseUrl, [spare!], WAIT_SECONDS);
    await sleep(500);
    await postGo(baseUrl, cookie, spare!.id);
    const warmAnswer = await Promise.race([warm.answer(spare!.id), sleep(10_000).then(() => null)]);
    warm.close();
    if (warmAnswer?.status !== 200)
      throw new Error(`the warm-up gate did not open: ${warmAnswer ? `${warmAnswer.status} ${warmAnswer.body}` : "no answer in 10 s"}`);
    await sleep(5000);

    // The inspector is open for both readings, so its own memory is in the baseline too.
    const heap = await openHeapProbe(pid);
    cleanups.push(() => heap.close());
    console.log(`1+3. Baseline, no pipeline waiting: RSS over ${RSS_WINDOW_SECONDS} s, statements over ${STATEMENT_SECONDS} s, then RSS collected…`);
    const quiet = await window(pid, counter);
    const quietHeld = await heap.settledRss();
    const heapBefore = HEAP ? await heap.reading() : undefined;
    if (HEAP) await heap.startSampling();

    console.log(`2. ${PIPELINES} pipelines waiting at the Migrate gate (wait=${WAIT_SECONDS}), ${SETTLE_MS / 1000} s to settle…`);
    const waiters = openGateWaiters(baseUrl, releases, WAIT_SECONDS);
    cleanups.push(() => waiters.close());
    await sleep(SETTLE_MS);
    const waitingAtStart = waiters.pending();
    console.log(`   ${waitingAtStart} of ${PIPELINES} waiting; measuring RSS over ${RSS_WINDOW_SECONDS} s, statements over ${STATEMENT_SECONDS} s…`);
    const busy = await window(pid, counter);
    const busyHeld = await heap.settledRss();
    const waitingAtEnd = waiters.pending();
    const hwm = (await memoryKb(pid)).hwm;
    const heapAfter = HEAP ? await heap.reading() : undefined;
    const sampled = HEAP ? await heap.sampled() : undefined;

    console.log(`4. A Go on each of the ${PIPELINES} releases, one after another…`);
    const posts = new Map<string, { sent: number; answered: number }>();
    for (const release of releases) posts.set(release.id, await postGo(baseUrl, cookie, release.id));
    await Promise.race([Promise.all(releases.map((r) => waiters.answer(r.id))), sleep(10_000)]);
    await sleep(200); // the last NOTIFYs to the bench's own connection

    const commitToAnswer: number[] = [];
    const sentToAnswer: number[] = [];
    const sentToCreated: number[] = [];
    const notGo: string[] = [];
    for (const release of releases) {
      const answer = waiters.answered.get(release.id);
      const committed = decisions.committed.get(release.id);
      const post = posts.get(release.id)!;
      sentToCreated.push(post.answered - post.sent);
      const go = answer?.status === 200 && (JSON.parse(answer.body) as { go?: boolean }).go === true;
      if (!go) notGo.push(`${release.id}: ${answer ? `${answer.status} ${answer.body.slice(0, 160)}` : "no answer"}`);
      commitToAnswer.push(go && committed !== undefined ? answer!.at - committed : Number.POSITIVE_INFINITY);
      sentToAnswer.push(go ? answer!.at - post.sent : Number.POSITIVE_INFINITY);
    }

    const grew = busy.rss - quiet.rss;
    const held = busyHeld - quietHeld;
    const added = busy.perSecond - quiet.perSecond;
    const perWaiter = added / PIPELINES;
    const lines = [
      `Gate bench (scripts/bench/gates.ts), one run ${started.toISOString()}, one instance, ${availableParallelism()} cores` +
        ` shared with whatever else runs (load average at the end ${loadavg()[0]!.toFixed(1)}, host steal ${stealShare(steal0, await hostSteal())})`,
      `   ${PIPELINES} pipelines on ${PIPELINES} distinct releases (one watch each), GET …/gate?stage=migrate&wait=${WAIT_SECONDS},` +
        ` each with its own release-scoped gate token, from the bench process over a keep-alive agent (${PIPELINES} sockets)`,
      `1+2. Server RSS (budget ≤ 30 MB for the waiters)`,
      `   held, after full collections: baseline ${mb(quietHeld)}; with the ${PIPELINES} waiters ${mb(busyHeld)}: ${signedMb(held)}` +
        `  ${held <= RSS_BUDGET_KB ? "holds" : "FAILS"}`,
      `   as read, garbage and all (median over ${RSS_WINDOW_SECONDS} s): baseline ${mb(quiet.rss)}; ${SETTLE_MS / 1000} s after they opened ${mb(busy.rss)}:` +
        ` ${signedMb(grew)}  (VmHWM so far ${mb(hwm)})`,
      `   waiting without an answer: ${waitingAtStart} of ${PIPELINES} after settling, ${waitingAtEnd} at the end of the window` +
        `${waiters.failures.length ? `; failures: ${waiters.failures.slice(0, 3).join("; ")}` : ""}`,
      `3. Statements the server ran (pg_stat_statements, every role but the superuser), ${STATEMENT_SECONDS} s each`,
      `   baseline, nothing waiting ${String(quiet.statements.total).padStart(6)} = ${quiet.perSecond.toFixed(2)}/s  (CPU ${quiet.cpu.percent.toFixed(2)} % of a core)`,
      `   ${PIPELINES} waiting              ${String(busy.statements.total).padStart(6)} = ${busy.perSecond.toFixed(2)}/s  (CPU ${busy.cpu.percent.toFixed(2)} % of a core)`,
      `   the waiters' share ${added.toFixed(2)}/s = ${perWaiter.toFixed(3)} statements per waiting request per second` +
        `  ${perWaiter < 1 ? "holds (under 1)" : "FAILS"}`,
      `   what the waiters added, per statement (calls/s with them − without), the first ${ADDED_TOP}:`,
      ...addedByQuery(quiet, busy).map((r) => `     ${r.perSecond.toFixed(2).padStart(7)}/s  ${r.query.slice(0, 130)}`),
      `4. A Go on each release (POST /api/v1/releases/{id}/decisions as the decision owner), one after another`,
      row("decision committed (NOTIFY heard) → gate's 200", commitToAnswer, ANSWER_BUDGET_MS),
      row("POST sent → gate's 200", sentToAnswer),
      row("POST sent → its 201", sentToCreated),
      ...(heapBefore && heapAfter && sampled ? heapLines(heapBefore, heapAfter, sampled) : []),
      ...(notGo.length ? [`   not go (${notGo.length}): ${notGo.slice(0, 3).join("; ")}`] : []),
    ];
    console.log(`\n${lines.join("\n")}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
