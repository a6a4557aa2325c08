import pLimit from "p-limit";
import { AppError } from "@/lib/errors";

// Pushes share the app's connection pool with every page, the live stream and the kill switch.
// Unbounded, a burst of pushes held every connection and the rest waited until Prisma gave up
// (P2028, answered as a 500). Here at most `concurrency` batches write at once and the queue
// holds at most `capacity` in all; beyond that a pusher is told at once to come back (503 with
// Retry-After) rather than waiting on a server that is already behind.

export interface PushQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createPushQueue({ concurrency, capacity }: { concurrency: number; capacity: number }): PushQueue {
  const limit = pLimit(concurrency);
  return {
    run(work) {
      if (limit.activeCount + limit.pendingCount >= capacity) {
        return Promise.reject(
          new AppError("UNAVAILABLE", "Switchback is writing too many samples right now; nothing from this batch was stored. Retry in a few seconds."),
        );
      }
      return limit(work);
    },
  };
}

// Four writers leave most of the pool (10) to people; 64 batches is a few seconds of backlog.
export const PUSH_CONCURRENCY = 4;
export const PUSH_CAPACITY = 64;

const cache = globalThis as unknown as { switchbackPushQueue?: PushQueue };
export const pushQueue = (): PushQueue => (cache.switchbackPushQueue ??= createPushQueue({ concurrency: PUSH_CONCURRENCY, capacity: PUSH_CAPACITY }));

// For work already running inside the queue (the push handler admits the token check and the store
// together): run it, no second place.
export const ADMITTED: PushQueue = { run: (work) => work() };
