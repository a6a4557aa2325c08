import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDelayProxy } from "./lib/delay-proxy";
import { createBenchAdmin, startBenchServer } from "./lib/server";
import { ms, percentile } from "./lib/stats";

// `npm run bench:cockpit`: time to first byte of the cockpit and the plan for a release whose flag
// lives in a real unleash-server that answers in ~3 s (a delaying proxy on loopback in front of
// it), beside the same pages for a release with a built-in flag. The slow read must move to the
// end of the stream, not hold the first byte. Budget: p95 TTFB ≤ 300 ms.

const SAMPLES = 20;
const WARMUP = 3;
const TTFB_BUDGET_MS = 300;
// Just inside the provider's 3 s timeout (lib/flags/providers/unleash/provider.ts), so the stream's end carries a
// real read ("Flag is ON") rather than a timeout.
const UNLEASH_DELAY_MS = 2_900;
const FLAG_KEY = "bench-kill-switch";
const FLAG_ON = /Flag is (?:<!-- -->)?ON/;

interface Timing {
  ttfb: number;
  total: number;
  html: string;
}

async function timePage(url: string, cookie: string): Promise<Timing> {
  const start = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let ttfb = Number.NaN;
  let html = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (Number.isNaN(ttfb)) ttfb = performance.now() - start;
    html += decoder.decode(value, { stream: true });
  }
  return { ttfb, total: performance.now() - start, html };
}

async function measure(label: string, url: string, cookie: string, expectFlagOn: boolean) {
  for (let i = 0; i < WARMUP; i++) await timePage(url, cookie);
  const runs: Timing[] = [];
  for (let i = 0; i < SAMPLES; i++) runs.push(await timePage(url, cookie));
  const ttfb = runs.map((r) => r.ttfb).sort((a, b) => a - b);
  const total = runs.map((r) => r.total).sort((a, b) => a - b);
  const flagged = runs.filter((r) => FLAG_ON.test(r.html)).length;
  const verdict = percentile(ttfb, 95) <= TTFB_BUDGET_MS ? "ok" : "OVER BUDGET";
  console.log(
    `  ${label.padEnd(30)} TTFB p50 ${ms(percentile(ttfb, 50)).padStart(9)}  p95 ${ms(percentile(ttfb, 95)).padStart(9)} (${verdict})   last byte p50 ${ms(percentile(total, 50)).padStart(9)}  p95 ${ms(percentile(total, 95)).padStart(9)}` +
      (expectFlagOn ? `   "Flag is ON" in ${flagged}/${SAMPLES}` : ""),
  );
}

async function startUnleashPeer() {
  const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
  const { freePort } = await import("@/lib/net");
  const { startUnleash } = await import("@/lib/testing/unleash");
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-bench-unleash-"));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "unleash_admin" });
  const unleash = await startUnleash(postgres.url.replace(/\/unleash_admin$/, "/postgres"));
  const headers = { Authorization: unleash.adminToken, "Content-Type": "application/json" };
  const features = `${unleash.url}/api/admin/projects/default/features`;
  const created = await fetch(features, { method: "POST", headers, body: JSON.stringify({ name: FLAG_KEY, type: "kill-switch" }) });
  if (!created.ok) throw new Error(`creating the Unleash feature answered ${created.status}`);
  const on = await fetch(`${features}/${FLAG_KEY}/environments/development/on`, { method: "POST", headers });
  if (!on.ok) throw new Error(`turning the Unleash feature on answered ${on.status}`);
  return {
    ...unleash,
    async stop() {
      await unleash.stop();
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const STAGE_SQL = {
  EXPAND: "ALTER TABLE users ADD COLUMN first_name text;",
  MIGRATE: "UPDATE users SET first_name = split_part(name, ' ', 1) WHERE first_name IS NULL;",
  CONTRACT: "ALTER TABLE users DROP COLUMN name;",
} as const;

async function main() {
  if (!existsSync(".peers/node_modules/unleash-server")) {
    console.log("Not measured: the Unleash test peer is not installed (npm test installs it into .peers).");
    return;
  }
  console.log("Starting unleash-server (own embedded PostgreSQL) behind a delaying proxy…");
  const proxy = await startDelayProxy(UNLEASH_DELAY_MS);
  const unleash = await startUnleashPeer();
  proxy.target = unleash.url;
  // The server inherits this process's environment: its Unleash is the slow proxy.
  process.env.UNLEASH_URL = proxy.url;
  process.env.UNLEASH_API_TOKEN = unleash.adminToken;
  console.log("Starting Switchback (embedded PostgreSQL, next start)…");
  const server = await startBenchServer();
  try {
    const { db, baseUrl } = server;
    const user = await createBenchAdmin(db);
    const seed = (title: string, flag: { flagProvider: "UNLEASH" | "BUILTIN"; flagKey: string; flagEnvironment: string }) =>
      db.release.create({
        data: {
          title,
          status: "IN_PROGRESS",
          startedAt: new Date(),
          decisionOwnerId: user.id,
          ...flag,
          stages: {
            create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({
              kind,
              position,
              sql: STAGE_SQL[kind],
              ownerId: user.id,
              status: position === 0 ? "ACTIVE" : "PENDING",
            })),
          },
          signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } },
        },
        select: { id: true },
      });
    const slow = await seed("Bench Unleash", { flagProvider: "UNLEASH", flagKey: FLAG_KEY, flagEnvironment: "development" });
    const builtin = await seed("Bench built-in", { flagProvider: "BUILTIN", flagKey: "bench-builtin", flagEnvironment: "production" });
    await db.flag.create({ data: { key: "bench-builtin", environment: "production", enabled: true } });
    const cookie = await server.sessionCookie(user);

    const start = performance.now();
    await fetch(`${proxy.url}/health`).then((r) => r.text());
    console.log(`\nUnleash through the proxy answers /health in ${ms(performance.now() - start)}.`);
    console.log(`Sequential GETs, ${SAMPLES} samples each after ${WARMUP} warm-ups; TTFB = first body chunk; budget: p95 TTFB ≤ ${TTFB_BUDGET_MS} ms:`);
    await measure("cockpit, flag in slow Unleash", `${baseUrl}/releases/${slow.id}/cockpit`, cookie, true);
    await measure("cockpit, built-in flag", `${baseUrl}/releases/${builtin.id}/cockpit`, cookie, true);
    await measure("plan, flag in slow Unleash", `${baseUrl}/releases/${slow.id}`, cookie, false);
    await measure("plan, built-in flag", `${baseUrl}/releases/${builtin.id}`, cookie, false);
  } finally {
    await server.stop();
    await unleash.stop();
    await proxy.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
