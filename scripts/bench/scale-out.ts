import { availableParallelism, loadavg } from "node:os";
import { POOL_SIZE } from "@/lib/db";
import { RUNTIME_ROLE } from "@/lib/db/roles";
import { flipAcrossInstances } from "./lib/cross-instance";
import { createBenchAdmin, createPushRelease, startBenchServer, type BenchServer } from "./lib/server";
import { openStream } from "./lib/sse";
import { ms, percentile } from "./lib/stats";

// `npm run bench:scale-out`: issue #15's budget, the same load on one instance (`npm start`) and on
// two behind HAProxy (`npm run cluster`), one after the other in one run:
// WATCHERS cockpit live streams on one release (through the balancer: half on each instance),
// RATE samples/s pushed through the balancer in batches of BATCH → push → every stream's arrival,
// p50/p95 (budget p95 ≤ 500 ms on two instances); pushes refused; deliveries missing; PostgreSQL
// connections of the app's role at their peak (budget ≤ 2 × the per-instance budget). On two
// instances also: a flip sent to instance 1 → its audit event on live streams held on instance 2
// ("within a second").
// Nothing fails on a figure.

const QUICK = process.argv.includes("--quick");
const WATCHERS = QUICK ? 20 : 100;
const RATE = 1000;
const BATCH = 50;
const SECONDS = QUICK ? 5 : 10;
const PER_INSTANCE = POOL_SIZE + 2;
const CROSS_ROUNDS = QUICK ? 6 : 30;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(server: BenchServer) {
  const { db, baseUrl } = server;
  const admin = await createBenchAdmin(db);
  const { release, secret } = await createPushRelease(db, admin.id);
  const cookie = await server.sessionCookie(admin);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const closers = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openStream(`${baseUrl}/api/releases/${release.id}/stream`, cookie, (value, at) => {
        const sent = sentAt.get(value);
        if (sent !== undefined) latencies.push(at - sent);
      }),
    ),
  );
  const connections = async () =>
    Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE usename = ${RUNTIME_ROLE}`)[0]!.n);
  let peak = await connections();
  const sampler = setInterval(() => void connections().then((n) => (peak = Math.max(peak, n))), 200);
  await sleep(1000);

  // Batches on a fixed schedule (RATE / BATCH a second), each sample's value its own sequence number.
  const refused: string[] = [];
  let next = 0;
  const pushes: Promise<void>[] = [];
  const started = performance.now();
  for (let batch = 0; batch < (SECONDS * RATE) / BATCH; batch++) {
    const due = started + (batch * BATCH * 1000) / RATE;
    await sleep(Math.max(0, due - performance.now()));
    const values = Array.from({ length: BATCH }, () => ++next);
    const now = performance.now();
    for (const value of values) sentAt.set(value, now);
    pushes.push(
      fetch(`${baseUrl}/api/v1/releases/${release.id}/signals`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: JSON.stringify(values.map((value) => ({ signal: "error_rate", value }))),
      }).then(
        async (r) => void (r.status !== 202 && refused.push(`${r.status} ${(await r.text()).slice(0, 80)}`)),
        (e: Error) => void refused.push(e.message),
      ),
    );
  }
  await Promise.all(pushes);
  const expected = next * WATCHERS;
  for (let i = 0; i < 50 && latencies.length < expected; i++) await sleep(100);
  clearInterval(sampler);
  closers.forEach((close) => close());
  latencies.sort((a, b) => a - b);
  return { latencies, expected, refused, peak, rate: next / ((performance.now() - started) / 1000) };
}

async function main() {
  const when = new Date().toISOString();
  const results: string[] = [];
  for (const [label, script, instances] of [
    ["one instance (npm start)", "scripts/start.ts", 1],
    ["two instances behind HAProxy (npm run cluster)", "scripts/cluster.ts", 2],
  ] as const) {
    console.log(`Starting ${label}…`);
    const server = await startBenchServer(script);
    try {
      console.log(`   ${WATCHERS} live streams, ${RATE} samples/s for ${SECONDS} s…`);
      const r = await run(server);
      const budget = PER_INSTANCE * instances;
      results.push(
        `${label}`,
        `   push → every stream  p50 ${ms(percentile(r.latencies, 50))}  p95 ${ms(percentile(r.latencies, 95))}  max ${ms(r.latencies.at(-1) ?? NaN)}` +
          `${instances === 2 ? `  ${percentile(r.latencies, 95) <= 500 && r.latencies.length === r.expected ? "holds" : "FAILS"} (budget p95 ≤ 500 ms)` : ""}`,
        `   deliveries ${r.latencies.length} of ${r.expected}; pushes refused ${r.refused.length}${r.refused.length ? ` (${r.refused.slice(0, 2).join("; ")})` : ""}`,
        `   PostgreSQL connections of the app at their peak ${r.peak} (budget ≤ ${budget} = ${instances} × ${PER_INSTANCE})  ${r.peak <= budget ? "holds" : "FAILS"}`,
      );
      if (instances === 2) {
        console.log(`   ${CROSS_ROUNDS} flips sent to instance 1, heard on instance 2…`);
        const cross = await flipAcrossInstances(server, CROSS_ROUNDS);
        const l = cross.latencies;
        results.push(
          `   flip on instance 1 → its audit event on instance 2's live streams  p50 ${ms(percentile(l, 50))}  p95 ${ms(percentile(l, 95))}  max ${ms(l.at(-1) ?? NaN)}  n ${l.length}` +
            `  ${l.length === CROSS_ROUNDS && (l.at(-1) ?? Infinity) <= 1000 ? "holds" : "FAILS"} (within a second)${cross.failures.length ? `; ${cross.failures.join("; ")}` : ""}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  console.log(
    `\nScale-out bench (scripts/bench/scale-out.ts), one run ${when}, ${availableParallelism()} cores shared with the bench's own ${WATCHERS} streams` +
      ` and pushers (load average at the end ${loadavg()[0]!.toFixed(1)})\n${results.join("\n")}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
