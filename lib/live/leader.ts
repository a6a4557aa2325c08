import { createDb, type Db } from "@/lib/db";
import { createLeaderSession, type LeaderSession } from "@/lib/live/leader-session";
import { log as serverLog } from "@/lib/log";
import { timeTick, trackLeader } from "@/lib/metrics/record";

// Background work that must run on one instance at a time (Prometheus polling, the demo
// generator): every instance runs the loop, only the holder of a PostgreSQL advisory lock works.

// What an instance's loops share: its database client and its one leader session. Without it a
// loop opens its own (a test that plays two instances in one process).
export interface LeaderShared {
  db: Db;
  session: LeaderSession;
}

export interface LeaderLoopOptions {
  databaseUrl: string;
  key: number;
  name: string;
  tickMs: number;
  // Runs on the leader only; `newTerm` is true on the first tick after becoming leader.
  work: (db: Db, newTerm: boolean) => Promise<unknown>;
  log?: (msg: string) => void;
  shared?: LeaderShared;
}

export interface LeaderLoop {
  stop(): Promise<void>;
  isLeader(): boolean;
}

export interface PokableLoop extends LeaderLoop {
  // Runs the next tick now instead of at its time (at most once per POKE_GAP_MS), for work that
  // news can make due: a sample that completes a breach should not wait for the tick.
  poke(): void;
}

const POKE_GAP_MS = 200;

export function startLeaderLoop({ databaseUrl, key, name, tickMs, work, log: given, shared }: LeaderLoopOptions): PokableLoop {
  // One JSON line per message in the server's log (lib/log.ts), named by its loop.
  const log = given ?? ((msg: string) => serverLog.info({ loop: name }, msg));
  const db = shared?.db ?? createDb(databaseUrl, 4);
  const lock = (shared?.session ?? createLeaderSession(databaseUrl, name)).lock(key, log);
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
    const timing = timeTick(name);
    try {
      await work(db, newTerm);
      timing(false);
      lastFailure = "";
    } catch (error) {
      timing(true);
      const message = `Failed: ${error instanceof Error ? error.message : String(error)}`;
      // The same failure every tick would drown the log: say it once until it changes.
      if (message !== lastFailure) log(message);
      lastFailure = message;
    }
  };

  let ticking = false;
  let poked = false;
  let lastStart = 0;
  const loop = async () => {
    ticking = true;
    poked = false;
    lastStart = Date.now();
    await tick();
    ticking = false;
    if (stopped) return;
    const wait = poked ? Math.max(0, POKE_GAP_MS - (Date.now() - lastStart)) : tickMs;
    timer = setTimeout(() => (running = loop()), wait);
  };
  running = loop();
  const untrack = trackLeader(name, () => lock.held() && !stopped);

  return {
    isLeader: () => lock.held() && !stopped,
    poke() {
      if (stopped) return;
      if (ticking) return void (poked = true);
      clearTimeout(timer);
      timer = setTimeout(() => (running = loop()), Math.max(0, POKE_GAP_MS - (Date.now() - lastStart)));
    },
    stop() {
      stopped = true;
      untrack();
      clearTimeout(timer);
      // A shared client belongs to the instance, not to this loop.
      stopping ??= running.then(() => lock.release()).then(() => (shared ? undefined : db.$disconnect()));
      return stopping;
    },
  };
}
