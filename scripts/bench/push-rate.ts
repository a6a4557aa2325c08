import autocannon from "autocannon";
import { availableParallelism, loadavg } from "node:os";
import { createBenchAdmin, createPushRelease, startBenchServer } from "./lib/server";
import { openStream } from "./lib/sse";

// `npm run bench:push`: issue #15's single-sample push budget on one instance, in one run:
// 1. GET /api/v1/health at CONNECTIONS connections (autocannon), the baseline: what a request costs
//    this server with no work behind it;
// 2. single-sample pushes (POST /api/v1/releases/{id}/signals, one sample each) at the same
//    connections → requests/s and the ratio to (1) (budget ≥ 0.6×), while a cockpit's live stream
//    is open: every stored sample must reach it (gapless: as many delivered as stored);
// 3. far beyond capacity (OVERLOAD connections): every answer 202 or 503 with Retry-After, never 500.
// Nothing fails on a figure.

const QUICK = process.argv.includes("--quick");
const CONNECTIONS = 10;
const OVERLOAD = 200;
const SECONDS = QUICK ? 5 : 15;
const RATIO_BUDGET = 0.6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  rate: number;
  byStatus: Record<string, number>;
  errors: number;
  unhinted503: number;
}

async function load(options: autocannon.Options, seconds: number): Promise<Tally> {
  let unhinted503 = 0;
  const result = await autocannon({
    ...options,
    duration: seconds,
    requests: [
      {
        onResponse: (status, _body, _context, headers) => {
          if (status === 503 && !headers?.["retry-after"]) unhinted503 += 1;
        },
      },
    ],
  });
  const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]));
  return { rate: result.requests.average, byStatus, errors: result.errors + result.timeouts, unhinted503 };
}

const statuses = (t: Tally) =>
  Object.entries(t.byStatus)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");

async function main() {
  const started = new Date();
  console.log("Starting Switchback (embedded PostgreSQL, npm start's script)…");
  const server = await startBenchServer();
  const { db, baseUrl } = server;
  try {
    const admin = await createBenchAdmin(db);
    const { release, secret } = await createPushRelease(db, admin.id);
    const cookie = await server.sessionCookie(admin);
    const push = {
      url: `${baseUrl}/api/v1/releases/${release.id}/signals`,
      method: "POST" as const,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify([{ signal: "error_rate", value: 1 }]),
    };
    // Warm both routes (their first call loads the route's code), then let the server settle.
    await load({ url: `${baseUrl}/api/v1/health`, connections: 2 }, 2);
    await load({ ...push, connections: 2 }, 2);
    await sleep(2000);

    console.log(`1. GET /api/v1/health, ${CONNECTIONS} connections, ${SECONDS} s…`);
    const health = await load({ url: `${baseUrl}/api/v1/health`, connections: CONNECTIONS }, SECONDS);

    console.log(`2. Single-sample pushes, ${CONNECTIONS} connections, ${SECONDS} s, a live stream open…`);
    // Gapless: every sample stored during the run reaches the stream, each once (ids after the last one stored before).
    const seen = new Set<string>();
    const closeStream = await openStream(`${baseUrl}/api/releases/${release.id}/stream`, cookie, (_v, _at, id) => void seen.add(id));
    await sleep(1000);
    const lastBefore = (await db.signalSample.aggregate({ where: { signal: { releaseId: release.id } }, _max: { id: true } }))._max.id ?? 0n;
    const pushes = await load({ ...push, connections: CONNECTIONS }, SECONDS);
    const storedIds = (await db.signalSample.findMany({ where: { signal: { releaseId: release.id }, id: { gt: lastBefore } }, select: { id: true } })).map(
      (s) => s.id.toString(),
    );
    const missing = () => storedIds.filter((id) => !seen.has(id)).length;
    for (let i = 0; i < 50 && missing() > 0; i++) await sleep(100);
    const [stored, lost] = [storedIds.length, missing()];
    closeStream();

    console.log(`3. Pushes at ${OVERLOAD} connections, ${SECONDS} s…`);
    const overload = await load({ ...push, connections: OVERLOAD }, SECONDS);
    const bad = Object.entries(overload.byStatus).filter(([code]) => code !== "202" && code !== "503");

    const ratio = pushes.rate / health.rate;
    const lines = [
      `Push bench (scripts/bench/push-rate.ts), one run ${started.toISOString()}, one instance, ${availableParallelism()} cores` +
        ` shared with whatever else runs (load average at the end ${loadavg()[0]!.toFixed(1)}), autocannon in this process`,
      `1. GET /api/v1/health             ${health.rate.toFixed(0).padStart(6)} requests/s  (${statuses(health)}; errors ${health.errors})`,
      `2. POST one sample                ${pushes.rate.toFixed(0).padStart(6)} requests/s  (${statuses(pushes)}; errors ${pushes.errors})`,
      `   ratio to health ${ratio.toFixed(2)}×  ${ratio >= RATIO_BUDGET ? "holds" : "FAILS"} (budget ≥ ${RATIO_BUDGET}×)`,
      `   live stream: ${stored - lost} of the ${stored} samples stored during the run delivered  ${lost === 0 ? "gapless" : "GAPS"}`,
      `3. ${OVERLOAD} connections          ${overload.rate.toFixed(0).padStart(6)} requests/s  (${statuses(overload)}; errors ${overload.errors})`,
      `   ${bad.length === 0 && overload.unhinted503 === 0 ? "holds" : "FAILS"}: every answer 202 or 503 with Retry-After` +
        `${bad.length ? `; other: ${bad.map(([c, n]) => `${c}×${n}`).join(" ")}` : ""}${overload.unhinted503 ? `; 503 without Retry-After ×${overload.unhinted503}` : ""}`,
    ];
    console.log(`\n${lines.join("\n")}`);
  } finally {
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
