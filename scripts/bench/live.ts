import { createBenchAdmin, createPushRelease, startBenchServer } from "./lib/server";
import { openStream } from "./lib/sse";
import { ms, percentile } from "./lib/stats";

// `node --import tsx scripts/bench/live.ts`: push-to-browser latency through the real server
// (push API → PostgreSQL → NOTIFY → SSE) with 20 open streams, and ingestion throughput.
// Budgets (issue 4): p95 latency under 250 ms; at least 5,000 samples/s ingested.

const CLIENTS = 20;
const SAMPLES = 200;
const GAP_MS = 25;
const THROUGHPUT_SECONDS = 5;
const BATCH = 1000;
const PUSHERS = 4;

async function main() {
  console.log("Starting Switchback (embedded PostgreSQL, next start)…");
  const server = await startBenchServer();
  try {
    const { db, baseUrl } = server;
    const user = await createBenchAdmin(db);
    const { release, secret } = await createPushRelease(db, user.id);
    const push = (body: unknown) =>
      fetch(`${baseUrl}/api/v1/releases/${release.id}/signals`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });

    const cookie = await server.sessionCookie(user);
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const closers = await Promise.all(
      Array.from({ length: CLIENTS }, () =>
        openStream(`${baseUrl}/api/releases/${release.id}/stream`, cookie, (value, at) => {
          const sent = sentAt.get(value);
          if (sent !== undefined) latencies.push(at - sent);
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));

    for (let i = 1; i <= SAMPLES; i++) {
      const value = 1000 + i;
      sentAt.set(value, performance.now());
      const response = await push([{ signal: "error_rate", value }]);
      if (response.status !== 202) throw new Error(`push answered ${response.status}`);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    await new Promise((r) => setTimeout(r, 1000));
    closers.forEach((close) => close());
    latencies.sort((a, b) => a - b);
    const expected = CLIENTS * SAMPLES;
    console.log(`\nPush-to-browser latency, ${SAMPLES} samples × ${CLIENTS} SSE clients (${latencies.length}/${expected} deliveries):`);
    console.log(
      `  p50 ${ms(percentile(latencies, 50))}   p95 ${ms(percentile(latencies, 95))}   p99 ${ms(percentile(latencies, 99))}   max ${ms(latencies.at(-1) ?? NaN)}   (budget: p95 < 250 ms)`,
    );

    const batch = Array.from({ length: BATCH }, (_, i) => ({ signal: "error_rate", value: i % 5 }));
    let accepted = 0;
    const started = performance.now();
    const deadline = started + THROUGHPUT_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: PUSHERS }, async () => {
        while (performance.now() < deadline) {
          const response = await push(batch);
          if (response.status !== 202) throw new Error(`push answered ${response.status}`);
          accepted += ((await response.json()) as { accepted: number }).accepted;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `\nIngestion through the push API: ${accepted.toLocaleString("en-US")} samples in ${seconds.toFixed(1)} s = ${Math.round(accepted / seconds).toLocaleString("en-US")} samples/s`,
    );
    console.log(`  (${PUSHERS} concurrent pushers, batches of ${BATCH}; budget: at least 5,000 samples/s)`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
