import type { Db } from "@/lib/db";
import { runRetention, type RetentionRun } from "@/lib/signals/retention/run";
import { createBenchAdmin, startBenchServer } from "./lib/server";
import { ms, percentile } from "./lib/stats";

// `npm run bench:retention`: issue #16's bounded storage, in one run on one `npm start`:
// 1. the cockpit of a deploying release and the audit timeline and report of a finished one, on a
//    fresh table (only their own samples);
// 2. the same pages with 10 million more samples in the table (a release finished 40 days ago and
//    others finished recently), seeded server-side with INSERT … SELECT generate_series (no rows
//    cross the wire; quicker than COPY from here) → p50/p95 and the ratio to (1), budget ≤ 2×;
// 3. the retention job (lib/signals/retention) over that table: time and rows per run until the
//    old release is rolled up, the cost of a run with nothing due, and the old release's timeline
//    and report before and after.
// The server's own retention loop is off (SAMPLE_RETENTION_DAYS=off), so runs happen only here.

const WARMUP = 3;
const RUNS = 15;
const RATIO_BUDGET = 2;
const DAY = 86_400_000;
const PROBE_SIGNALS = ["error_rate", "p95_latency", "lock_waits", "replica_lag"];
const PROBE_SECONDS = 3600;
const BIG = { signals: 5, perSignal: 1_200_000 };
const OTHERS = { releases: 8, signals: 2, perSignal: 250_000 };

interface Probe {
  label: string;
  path: string;
}

async function fetchPage(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  await response.arrayBuffer();
  return performance.now() - start;
}

async function measure(baseUrl: string, cookie: string, probe: Probe, runs = RUNS, warmup = WARMUP) {
  for (let i = 0; i < warmup; i++) await fetchPage(baseUrl + probe.path, cookie);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fetchPage(baseUrl + probe.path, cookie));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Figures = Awaited<ReturnType<typeof measure>>;
const line = (label: string, f: Figures) => `  ${label.padEnd(34)} p50 ${ms(f.p50).padStart(10)}  p95 ${ms(f.p95).padStart(10)}`;

// A release with signals, a stop criterion on the first, and samples every second (server-side).
async function seedRelease(
  db: Db,
  ownerId: string,
  options: { title: string; status: "IN_PROGRESS" | "COMPLETED"; finishedAt: Date | null; keys: string[]; perSignal: number },
) {
  const end = options.finishedAt ?? new Date();
  const start = new Date(end.getTime() - options.perSignal * 1000);
  const release = await db.release.create({
    data: {
      title: options.title,
      status: options.status,
      startedAt: start,
      finishedAt: options.finishedAt,
      decisionOwnerId: ownerId,
      stages: {
        create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({
          kind,
          position,
          ownerId,
          status: position === 0 ? ("ACTIVE" as const) : ("PENDING" as const),
        })),
      },
      signals: { create: options.keys.map((key) => ({ key, name: key, unit: "COUNT" as const })) },
    },
    select: { id: true, signals: { select: { id: true } } },
  });
  await db.criterion.create({ data: { releaseId: release.id, signalId: release.signals[0]!.id, comparator: "GT", stopThreshold: 0.999, position: 0 } });
  for (const { id } of release.signals) {
    await db.$executeRawUnsafe(
      `INSERT INTO signal_samples (signal_id, at, value)
       SELECT $1::uuid, $2::timestamptz + i * interval '1 second', random() FROM generate_series(0, $3::int - 1) AS i`,
      id,
      start.toISOString(),
      options.perSignal,
    );
  }
  return release.id;
}

const rowCount = async (db: Db) => Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM signal_samples`)[0]!.n);

async function retentionRuns(db: Db): Promise<RetentionRun[]> {
  const runs: (RetentionRun & { ms: number })[] = [];
  for (;;) {
    const start = performance.now();
    const run = await runRetention(db, { days: 30 });
    runs.push({ ...run, ms: performance.now() - start });
    console.log(
      `  run ${String(runs.length).padStart(2)}: ${ms(runs.at(-1)!.ms).padStart(10)}  ${run.deleted} samples → ${run.minutes} minute rows, ${run.batches} batches${run.finished ? " (done)" : ""}`,
    );
    if (run.finished) return runs;
  }
}

async function main() {
  process.env.SAMPLE_RETENTION_DAYS = "off";
  console.log("Starting Switchback (embedded PostgreSQL, npm start's script)…");
  const server = await startBenchServer();
  const { db, baseUrl } = server;
  try {
    const admin = await createBenchAdmin(db);
    const cookie = await server.sessionCookie(admin);
    const probeRows = { keys: PROBE_SIGNALS, perSignal: PROBE_SECONDS };
    const live = await seedRelease(db, admin.id, { title: "Bench live", status: "IN_PROGRESS", finishedAt: null, ...probeRows });
    const done = await seedRelease(db, admin.id, { title: "Bench finished", status: "COMPLETED", finishedAt: new Date(Date.now() - 3600_000), ...probeRows });
    const probes: Probe[] = [
      { label: "cockpit (deploying, 4×1 h of 1 s)", path: `/releases/${live}/cockpit` },
      { label: "audit timeline (finished, 4×1 h)", path: `/releases/${done}/audit` },
      { label: "report (finished, 4×1 h)", path: `/releases/${done}/audit/report` },
    ];
    await db.$executeRawUnsafe("VACUUM ANALYZE signal_samples");
    console.log(`\nFresh table (${await rowCount(db)} samples), sequential GETs to the last byte, ${RUNS} runs after ${WARMUP} warm-ups:`);
    const fresh: Figures[] = [];
    for (const probe of probes) {
      fresh.push(await measure(baseUrl, cookie, probe));
      console.log(line(probe.label, fresh.at(-1)!));
    }

    const seedStart = performance.now();
    const big = await seedRelease(db, admin.id, {
      title: "Bench finished 40 days ago",
      status: "COMPLETED",
      finishedAt: new Date(Date.now() - 40 * DAY),
      keys: Array.from({ length: BIG.signals }, (_, i) => `big_${i}`),
      perSignal: BIG.perSignal,
    });
    for (let r = 0; r < OTHERS.releases; r++) {
      const keys = Array.from({ length: OTHERS.signals }, (_, i) => `other_${i}`);
      await seedRelease(db, admin.id, {
        title: `Bench other ${r}`,
        status: "COMPLETED",
        finishedAt: new Date(Date.now() - 2 * DAY),
        keys,
        perSignal: OTHERS.perSignal,
      });
    }
    const seeded = performance.now() - seedStart;
    const vacuumStart = performance.now();
    await db.$executeRawUnsafe("VACUUM ANALYZE signal_samples");
    console.log(
      `\nSeeded ${await rowCount(db)} samples in ${(seeded / 1000).toFixed(1)} s (VACUUM ANALYZE ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s). Same GETs; ratio to the fresh table, budget ≤ ${RATIO_BUDGET}×:`,
    );
    for (const [i, probe] of probes.entries()) {
      const full = await measure(baseUrl, cookie, probe);
      const ratio = { p50: full.p50 / fresh[i]!.p50, p95: full.p95 / fresh[i]!.p95 };
      const verdict = ratio.p95 <= RATIO_BUDGET && ratio.p50 <= RATIO_BUDGET ? "ok" : "OVER BUDGET";
      console.log(`${line(probe.label, full)}   ratio p50 ${ratio.p50.toFixed(2)}×  p95 ${ratio.p95.toFixed(2)}× (${verdict})`);
    }

    const bigProbes: Probe[] = [
      { label: "audit timeline, 40-day-old release", path: `/releases/${big}/audit` },
      { label: "report, 40-day-old release", path: `/releases/${big}/audit/report` },
    ];
    console.log(`\nThe 40-day-old release (${BIG.signals}×${BIG.perSignal} raw samples), 3 runs after 1 warm-up:`);
    for (const probe of bigProbes) console.log(line(`${probe.label}, raw`, await measure(baseUrl, cookie, probe, 3, 1)));

    console.log("\nRetention job (SAMPLE_RETENTION_DAYS=30), one run after another until nothing is due:");
    const runs = await retentionRuns(db);
    const idle = async () => {
      const start = performance.now();
      await runRetention(db, { days: 30 });
      return ms(performance.now() - start);
    };
    // Until (auto)vacuum has cleaned up, "has this signal a raw sample left?" walks dead index entries.
    const idleBeforeVacuum = await idle();
    await db.$executeRawUnsafe("VACUUM ANALYZE signal_samples");
    await db.$executeRawUnsafe("ANALYZE signal_sample_minutes");
    console.log(`  a run with nothing due: ${idleBeforeVacuum} before VACUUM, ${await idle()} after.`);
    console.log(
      `  ${runs.length} runs rolled up ${runs.reduce((n, r) => n + r.deleted, 0)} samples; samples left: ${await rowCount(db)}; minute rows: ${await db.signalSampleMinute.count()}.`,
    );
    for (const probe of bigProbes) console.log(line(`${probe.label}, rolled up`, await measure(baseUrl, cookie, probe, 3, 1)));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
