import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ms, percentile } from "./lib/stats";

// `node --import tsx scripts/bench/flip.ts`: kill-switch flip latency with the built-in provider
// (the whole action: permission, advisory lock, compare-and-set, signal snapshot, audit append,
// NOTIFY — until a listener hears it) beside the bare floor on the same database: one
// `INSERT …; NOTIFY` round trip until the listener hears it. And Unleash's own Admin API toggle,
// when the test peer is installed (.peers). The old budget (flip p95 ≤ 3 × bare) is retired: a flip
// is one audited action in the wrapper's transaction now, judged end to end by the kill-switch issue.

const FLIPS = 200;

// Resolves when a notification whose payload is `key`, or whose JSON names the action `key`, arrives.
function waiter(client: pg.Client) {
  const pending = new Map<string, () => void>();
  const actionOf = (payload = "") => {
    try {
      return (JSON.parse(payload) as { action?: string }).action;
    } catch {
      return undefined;
    }
  };
  client.on("notification", (n) => {
    const match = [...pending.keys()].find((key) => n.payload === key || actionOf(n.payload) === key);
    if (match) {
      pending.get(match)!();
      pending.delete(match);
    }
  });
  return (key: string) => new Promise<void>((resolve) => pending.set(key, resolve));
}

// The two are measured interleaved, one of each in turn, so both meet the same machine noise.
async function measurePair(times: number, a: (i: number) => Promise<void>, b: (i: number) => Promise<void>): Promise<[number[], number[]]> {
  for (let i = 0; i < 10; i++) {
    await a(-1 - i);
    await b(-1 - i);
  }
  const outA: number[] = [];
  const outB: number[] = [];
  for (let i = 0; i < times; i++) {
    let start = performance.now();
    await a(i);
    outA.push(performance.now() - start);
    start = performance.now();
    await b(i);
    outB.push(performance.now() - start);
  }
  return [outA.sort((x, y) => x - y), outB.sort((x, y) => x - y)];
}

async function main() {
  // Switchback's modules read DATABASE_URL when first loaded: load them once it is set.
  const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
  const { freePort } = await import("@/lib/net");
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchback-bench-flip-"));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "bench" });
  process.env.DATABASE_URL = postgres.url;
  try {
    const { migrate } = await import("@/lib/db/migrate");
    await migrate(postgres.url);
    const { createDb } = await import("@/lib/db");
    const { runAction } = await import("@/lib/action");
    const { turnFlagOff, turnFlagOn } = await import("@/lib/flags/commands");
    const db = createDb(postgres.url, 10);
    const admin = await db.user.create({
      data: { email: "bench@bench.test", name: "Bench", role: "ADMIN" },
      select: { id: true, email: true, name: true, role: true },
    });
    const release = await db.release.create({
      data: {
        title: "Flip bench",
        status: "IN_PROGRESS",
        flagKey: "bench-kill",
        signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT" } },
      },
      select: { id: true, signals: { select: { id: true } } },
    });
    await db.criterion.create({ data: { releaseId: release.id, signalId: release.signals[0]!.id, comparator: "GT", stopThreshold: 2, position: 0 } });
    await db.signalSample.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ signalId: release.signals[0]!.id, value: 0.5, at: new Date(Date.now() - i * 2000) })),
    });
    await db.flag.create({ data: { key: "bench-kill", environment: "production", enabled: true } });

    const listener = new pg.Client({ connectionString: postgres.url });
    await listener.connect();
    await listener.query("LISTEN switchback_audit; LISTEN bench_bare");
    const heard = waiter(listener);
    const writer = new pg.Client({ connectionString: postgres.url });
    await writer.connect();
    await writer.query("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL)");

    const runtime = { currentUser: async () => admin, revalidate: () => undefined };
    let enabled = true;
    const [bare, flips] = await measurePair(
      FLIPS,
      async (i) => {
        const key = `bare-${i}`;
        const done = heard(key);
        await writer.query(`INSERT INTO bench_bare (payload) VALUES ('{"n": ${i}}'); NOTIFY bench_bare, '${key}'`);
        await done;
      },
      async () => {
        const done = heard("flag.changed");
        const result = await runAction(enabled ? turnFlagOff : turnFlagOn, { releaseId: release.id, expected: enabled }, runtime);
        if (!result.ok) throw new Error(result.error.message);
        enabled = !enabled;
        await done;
      },
    );

    console.log(`\nKill-switch flip latency over ${FLIPS} flips each, same database:`);
    console.log(`  bare INSERT; NOTIFY, until heard   p50 ${ms(percentile(bare, 50))}   p95 ${ms(percentile(bare, 95))}`);
    console.log(`  built-in flip, until heard         p50 ${ms(percentile(flips, 50))}   p95 ${ms(percentile(flips, 95))}`);
    console.log(
      `  ratio built-in / bare              p50 ${(percentile(flips, 50) / percentile(bare, 50)).toFixed(2)}×   p95 ${(percentile(flips, 95) / percentile(bare, 95)).toFixed(2)}×   (for trend, no budget)`,
    );

    if (existsSync(".peers/node_modules/unleash-server")) {
      const { benchUnleashToggle } = await import("./lib/unleash-toggle");
      const toggles = await benchUnleashToggle(FLIPS, postgres.url.replace(/\/bench$/, "/postgres"));
      console.log(
        `  Unleash Admin API toggle           p50 ${ms(percentile(toggles, 50))}   p95 ${ms(percentile(toggles, 95))}   ratio to bare p95 ${(percentile(toggles, 95) / percentile(bare, 95)).toFixed(2)}×`,
      );
    } else {
      console.log("  Unleash Admin API toggle           not measured: the test peer is not installed (npm test installs it into .peers)");
    }
    const { getDb } = await import("@/lib/db");
    await Promise.all([listener.end(), writer.end(), db.$disconnect(), getDb().$disconnect()]);
  } finally {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
