import pg from "pg";

// A small stand-in for the shop's application during the demo deploy: a few workers that sign up
// users and edit names, writing BOTH shapes (full_name and first_name/last_name: the dual-write
// that keeps old and new readers correct), and read a user's name through the shape the flag
// chooses: full_name while reads are not switched, first_name/last_name once they are. Those
// reads are what pg_stat_statements records and the Contract proof "Old columns unread" counts.

export interface SimulatedAppOptions {
  // Answers whether reads use the new columns (the release's flag).
  readsNewColumns: () => boolean;
  // The id the backfill has reached. Most edits land just after it, on the rows the running
  // batch holds, so the collisions a real backfill meets over hours happen while you watch.
  hotId: () => number;
  workers?: number;
  // The pause between one worker's operations.
  intervalMs?: number;
}

export interface AppStats {
  signups: number;
  edits: number;
  oldReads: number;
  newReads: number;
  errors: number;
  lastError: string | null;
}

export interface SimulatedApp {
  stats: AppStats;
  stop(): Promise<AppStats>;
}

const FIRST = ["Mae", "Katherine", "Dorothy", "Mary", "Evelyn", "Annie"];
const LAST = ["Jemison", "Johnson", "Vaughan", "Jackson", "Boyd Granville", "Easley"];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function operate(pool: pg.Pool, options: SimulatedAppOptions, stats: AppStats, maxId: number) {
  const first = pick(FIRST);
  const last = pick(LAST);
  const roll = Math.random();
  if (roll < 0.1) {
    await pool.query("INSERT INTO users (full_name, first_name, last_name, email) VALUES ($1, $2, $3, $4)", [
      `${first} ${last}`,
      first,
      last,
      `${first}.${Date.now()}@shop.example`.toLowerCase(),
    ]);
    stats.signups += 1;
    return;
  }
  const near = Math.random() < 0.6;
  const id = near ? options.hotId() + 1 + Math.floor(Math.random() * 1000) : 1 + Math.floor(Math.random() * maxId);
  if (roll < 0.6) {
    await pool.query("UPDATE users SET full_name = $2, first_name = $3, last_name = $4 WHERE id = $1", [id, `${first} ${last}`, first, last]);
    stats.edits += 1;
  } else if (options.readsNewColumns()) {
    await pool.query("SELECT id, first_name, last_name, email FROM users WHERE id = $1", [id]);
    stats.newReads += 1;
  } else {
    await pool.query("SELECT id, full_name, email FROM users WHERE id = $1", [id]);
    stats.oldReads += 1;
  }
}

// Connected as the shop's owner (the application's own role in this demo).
export async function startSimulatedApp(url: string, options: SimulatedAppOptions): Promise<SimulatedApp> {
  const workers = options.workers ?? 4;
  const pool = new pg.Pool({ connectionString: url, max: workers, application_name: "shop-app" });
  pool.on("error", () => undefined);
  const maxId = Number((await pool.query<{ max: string }>("SELECT coalesce(max(id), 1) AS max FROM users")).rows[0]!.max);
  const stats: AppStats = { signups: 0, edits: 0, oldReads: 0, newReads: 0, errors: 0, lastError: null };
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      try {
        await operate(pool, options, stats, maxId);
      } catch (error) {
        stats.errors += 1;
        stats.lastError = (error as Error).message;
      }
      await sleep(options.intervalMs ?? 60);
    }
  });
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
      await pool.end();
      return stats;
    },
  };
}
