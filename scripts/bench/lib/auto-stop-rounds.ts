import type { Db } from "@/lib/db";
import { wallNow, type Watch } from "./ofrep-consumers";

// Rounds of Switchback's own auto-stop: healthy samples pushed once a second, then breaching ones
// at the same pace; t0 is the first breaching push, the end is every consumer reading OFF. Between
// rounds the release row is reset directly (as a person's acknowledgement would leave it) and the
// flag turned back on.

interface Setup {
  db: Db;
  baseUrl: string;
  releaseId: string;
  flagKey: string;
  environment: string;
  pushSecret: string;
  after: number;
  intervalMs: number;
}

const HEALTHY = 0.5;
const BREACHING = 5;

export async function autoStopRounds(setup: Setup, watch: Watch, names: string[], rounds: number) {
  const { db, releaseId } = setup;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const push = async (value: number) => {
    const response = await fetch(`${setup.baseUrl}/api/v1/releases/${releaseId}/signals`, {
      method: "POST",
      headers: { Authorization: `Bearer ${setup.pushSecret}`, "Content-Type": "application/json" },
      body: JSON.stringify([{ signal: "error_rate", value }]),
    });
    if (response.status !== 202) throw new Error(`push answered ${response.status}`);
  };
  await db.release.update({ where: { id: releaseId }, data: { autoStopEnabled: true, autoStopAfter: setup.after } });
  const perRound: number[][] = [];
  const misses: string[] = [];
  for (let round = 0; round < rounds; round++) {
    // A healthy sample first, so the last round's breaches no longer trail; then the reset.
    await push(HEALTHY);
    await db.release.update({ where: { id: releaseId }, data: { status: "IN_PROGRESS", autoStopAckedAt: new Date() } });
    const flag = { key_environment: { key: setup.flagKey, environment: setup.environment } };
    if (!(await db.flag.findUniqueOrThrow({ where: flag })).enabled) {
      const t1 = wallNow();
      await db.flag.update({ where: flag, data: { enabled: true, version: { increment: 1 } } });
      const on = await watch.until(names, true, t1, 10_000);
      if (on.size < names.length) throw new Error(`auto-stop round ${round + 1}: not every consumer read ON again`);
    }
    for (let i = 0; i < setup.after; i++) {
      await sleep(setup.intervalMs);
      await push(HEALTHY);
    }
    await sleep(setup.intervalMs);
    const t0 = wallNow();
    let pushing = true;
    const pusher = (async () => {
      for (let k = 0; pushing; k++) {
        await push(BREACHING);
        await sleep(Math.max(0, t0 + (k + 1) * setup.intervalMs - wallNow()));
      }
    })();
    const off = await watch.until(names, false, t0, setup.after * setup.intervalMs + 15_000);
    pushing = false;
    await pusher;
    perRound.push([...off.values()]);
    for (const name of names) if (!off.has(name)) misses.push(`auto-stop round ${round + 1}: ${name} did not read OFF`);
    process.stdout.write(`  auto-stop round ${round + 1}/${rounds}: slowest of ${names.length} ${Math.max(...off.values()).toFixed(0)} ms\n`);
  }
  return { perRound, misses };
}
