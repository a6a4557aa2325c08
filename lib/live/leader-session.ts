import type pg from "pg";
import { sessionClient } from "@/lib/db/pg";

// One PostgreSQL session holding the advisory locks of every leader loop of an instance. A
// session-level lock lives as long as its session: when the connection goes, PostgreSQL frees
// every lock it held and another instance may take over, so a lost connection means lost
// leadership for every loop here too. One connection for all loops keeps an instance inside its
// connection budget (see lib/db.ts).

export interface LeaderLock {
  held(): boolean;
  /** Takes the lock if it is free; while it is held, proves the session is still alive. */
  check(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LeaderSession {
  lock(key: number, log: (msg: string) => void): LeaderLock;
}

interface LockState {
  lose(reason: string): void;
}

export function createLeaderSession(databaseUrl: string, name = "switchback-leader"): LeaderSession {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const locks = new Map<number, LockState>();
  // One query at a time on the one connection: loops tick on their own timers.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const drop = (reason: string) => {
    const old = client;
    client = null;
    old?.end().catch(() => undefined);
    for (const lock of locks.values()) lock.lose(reason);
  };

  const connection = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const fresh = sessionClient(databaseUrl, name);
      fresh.on("error", (error) => fresh === client && drop(error.message));
      fresh.on("end", () => fresh === client && drop("connection closed"));
      await fresh.connect();
      client = fresh;
      return fresh;
    })().finally(() => (connecting = null));
    return connecting;
  };

  return {
    lock(key, log) {
      let held = false;
      let lastComplaint = "";
      const state: LockState = {
        lose(reason) {
          if (held) log(`Lost the leader lock (${reason}); will try to take it back`);
          else if (reason !== lastComplaint) log(`Cannot take part in the leader election: ${reason}`);
          lastComplaint = held ? "" : reason;
          held = false;
        },
      };
      locks.set(key, state);
      return {
        held: () => held,
        async check() {
          try {
            await serial(async () => {
              const session = await connection();
              // A session that died silently (network gone) only shows itself when used.
              if (held) await session.query("SELECT 1");
              else {
                const { rows } = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key]);
                held = rows[0]?.locked === true;
                if (held) log("Became the leader");
              }
            });
            lastComplaint = "";
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            // No session at all: only this loop tried. A failed query: the session is suspect for all.
            if (client) drop(reason);
            else state.lose(reason);
          }
          return held;
        },
        async release() {
          const wasHeld = held;
          held = false;
          locks.delete(key);
          if (locks.size === 0) {
            const old = client;
            client = null;
            // Ending the session is what releases every session-level advisory lock at once.
            await old?.end().catch(() => undefined);
          } else if (wasHeld) {
            await serial(async () => void (await client?.query("SELECT pg_advisory_unlock($1)", [key]))).catch(() => undefined);
          }
        },
      };
    },
  };
}
