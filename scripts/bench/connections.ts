import { POOL_SIZE } from "@/lib/db";
import { RUNTIME_ROLE } from "@/lib/db/roles";
import { createBenchAdmin, createPushRelease, startBenchServer } from "./lib/server";
import { openStream } from "./lib/sse";

// `npm run bench:connections`: how many PostgreSQL connections one Switchback instance holds, at
// idle (background loops running, nobody watching) and under load (20 cockpit streams open while
// pushers send samples and the cockpit page is loaded), beside the budget: the pool, one LISTEN
// session and one leader session shared by every background loop (lib/db.ts).

const WATCHERS = 20;
const LOAD_SECONDS = 10;
const PUSHERS = 4;
const PAGE_LOADERS = 2;
const BUDGET = POOL_SIZE + 2;

async function main() {
  console.log("Starting Switchback (embedded PostgreSQL, next start)…");
  const server = await startBenchServer();
  const { db, baseUrl } = server;
  // The app connects as the runtime role; this script's own client is the superuser, not counted.
  const count = async () => {
    const rows = await db.$queryRaw<{ application_name: string; n: bigint }[]>`
      SELECT application_name, count(*) AS n FROM pg_stat_activity WHERE usename = ${RUNTIME_ROLE} GROUP BY 1 ORDER BY 1`;
    return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), by: rows.map((r) => `${r.application_name || "(none)"} ${r.n}`).join(", ") };
  };
  try {
    const user = await createBenchAdmin(db);
    const { release, secret } = await createPushRelease(db, user.id);
    const cookie = await server.sessionCookie(user);

    // Let every background loop take its turn (the slowest ticks every 5 s) before counting idle.
    await fetch(`${baseUrl}/api/v1/health`);
    await new Promise((r) => setTimeout(r, 6000));
    const idle = await count();

    let received = 0;
    const closers = await Promise.all(
      Array.from({ length: WATCHERS }, () => openStream(`${baseUrl}/api/releases/${release.id}/stream`, cookie, () => void (received += 1))),
    );
    let peak = await count();
    let pushed = 0;
    let pages = 0;
    const deadline = performance.now() + LOAD_SECONDS * 1000;
    const sampler = setInterval(() => void count().then((now) => now.total > peak.total && (peak = now)), 100);
    const push = async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${baseUrl}/api/v1/releases/${release.id}/signals`, {
          method: "POST",
          headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
          body: JSON.stringify([{ signal: "error_rate", value: pushed % 5 }]),
        });
        if (response.status !== 202) throw new Error(`push answered ${response.status}`);
        pushed += 1;
      }
    };
    const load = async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${baseUrl}/releases/${release.id}/cockpit`, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`the cockpit answered ${response.status}`);
        pages += 1;
      }
    };
    await Promise.all([...Array.from({ length: PUSHERS }, push), ...Array.from({ length: PAGE_LOADERS }, load)]);
    clearInterval(sampler);
    closers.forEach((close) => close());

    console.log(`\nPostgreSQL connections held by one instance (role ${RUNTIME_ROLE}); budget ${BUDGET} = pool ${POOL_SIZE} + LISTEN 1 + leader 1:`);
    console.log(`  idle (background loops running)        ${String(idle.total).padStart(3)}   ${idle.by}`);
    console.log(`  peak under load                        ${String(peak.total).padStart(3)}   ${peak.by}`);
    console.log(
      `  load: ${WATCHERS} open streams, ${PUSHERS} pushers (${pushed} single-sample pushes, ${received} deliveries), ${PAGE_LOADERS} cockpit loaders (${pages} pages) for ${LOAD_SECONDS} s`,
    );
    console.log(`  ratio peak / budget                     ${(peak.total / BUDGET).toFixed(2)}×`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
