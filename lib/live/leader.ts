import pg from "pg";
import { createDb, type Db } from "@/lib/db";

// Background work that must run on one instance at a time (Prometheus polling, the demo
// generator): every instance runs the loop, only the holder of a PostgreSQL advisory lock works.
// The lock lives as long as its session: when the connection goes, PostgreSQL frees the lock and
// another instance may take over, so a lost connection must mean lost leadership here too.

function leaderLock(databaseUrl: string, key: number, name: string, log: (msg: string) => void) {
  let client: pg.Client | null = null;
  let held = false;
  let lastComplaint = "";

  const lose = (reason: string) => {
    if (held) log(`Lost the leader lock (${reason}); will try to take it back`);
    else if (reason !== lastComplaint) log(`Cannot take part in the leader election: ${reason}`);
    lastComplaint = held ? "" : reason;
    held = false;
    const old = client;
    client = null;
    old?.end().catch(() => undefined);
  };

  return {
    held: () => held,
    /** Takes the lock if it is free; while it is held, proves the session is still alive. */
    async check(): Promise<boolean> {
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString: databaseUrl, application_name: name, keepAlive: true });
          fresh.on("error", (error) => fresh === client && lose(error.message));
          fresh.on("end", () => fresh === client && lose("connection closed"));
          client = fresh;
          await fresh.connect();
        }
        // A session that died silently (network gone) only shows itself when used.
        if (held) await client.query("SELECT 1");
        else {
          const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key]);
          held = rows[0]?.locked === true;
          if (held) log("Became the leader");
        }
        lastComplaint = "";
      } catch (error) {
        lose(error instanceof Error ? error.message : String(error));
      }
      return held;
    },
    // Ending the session is what releases a session-level advisory lock.
    async release() {
      held = false;
      const old = client;
      client = null;
      await old?.end().catch(() => undefined);
    },
  };
}

export interface LeaderLoopOptions {
  databaseUrl: string;
  key: number;
  name: string;
  tickMs: number;
  // Runs on the leader only; `newTerm` is true on the first tick after becoming leader.
  work: (db: Db, newTerm: boolean) => Promise<unknown>;
  log?: (msg: string) => void;
}

export interface LeaderLoop {
  stop(): Promise<void>;
  isLeader(): boolean;
}

export function startLeaderLoop({ databaseUrl, key, name, tickMs, work, log: given }: LeaderLoopOptions): LeaderLoop {
  const log = given ?? ((msg: string) => console.log(`[${name}] ${msg}`));
  const db = createDb(databaseUrl, 4);
  const lock = leaderLock(databaseUrl, key, name, log);
  let wasLeader = false;
  let lastFailure = "";
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | undefined;

  const tick = async () => {
    const leader = await lock.check();
    const newTerm = leader && !wasLeader;
    wasLeader = leader;
    if (!leader || stopped) return;
    try {
      await work(db, newTerm);
      lastFailure = "";
    } catch (error) {
      const message = `Failed: ${error instanceof Error ? error.message : String(error)}`;
      // The same failure every tick would drown the log: say it once until it changes.
      if (message !== lastFailure) log(message);
      lastFailure = message;
    }
  };

  const loop = async () => {
    await tick();
    if (!stopped) timer = setTimeout(() => (running = loop()), tickMs);
  };
  running = loop();

  return {
    isLeader: () => lock.held() && !stopped,
    stop() {
      stopped = true;
      clearTimeout(timer);
      stopping ??= running.then(() => lock.release()).then(() => db.$disconnect());
      return stopping;
    },
  };
}
