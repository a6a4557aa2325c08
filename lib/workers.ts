import { env } from "@/lib/env";
import { startLeaderLoop, type LeaderLoop } from "@/lib/live/leader";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { expireFlagOnRequests } from "@/lib/flags/four-eyes";
import { DEMO_INTERVAL_SECONDS, demoTick } from "@/lib/signals/demo";
import { startWebhookDispatcher } from "@/lib/notify/dispatch";
import { startPrometheusPoller } from "@/lib/signals/prometheus-poller";

// Background work of a server process. Every instance starts it; each loop works only while its
// instance holds that loop's leader lock.

const DEMO_LOCK_KEY = 7340011;
const AUTO_STOP_LOCK_KEY = 7340013;

const state = globalThis as unknown as { switchbackWorkers?: LeaderLoop[] };

export function startWorkers(): void {
  if (state.switchbackWorkers || !env.DATABASE_URL) return;
  const loops: LeaderLoop[] = [
    startLeaderLoop({ databaseUrl: env.DATABASE_URL, key: DEMO_LOCK_KEY, name: "switchback-demo-signals", tickMs: DEMO_INTERVAL_SECONDS * 1000, work: (db) => demoTick(db) }),
    startLeaderLoop({ databaseUrl: env.DATABASE_URL, key: AUTO_STOP_LOCK_KEY, name: "switchback-auto-stop", tickMs: 1000, work: async (db) => {
        await autoStopTick(db);
        // Same cadence and leader as auto-stop: both watch the kill switch, one connection.
        await expireFlagOnRequests(db);
      } }),
    startWebhookDispatcher(env.DATABASE_URL),
  ];
  if (env.PROMETHEUS_URL) {
    loops.push(startPrometheusPoller({ databaseUrl: env.DATABASE_URL, baseUrl: env.PROMETHEUS_URL, tickMs: env.PROMETHEUS_POLL_TICK_MS }));
  }
  // No signal handlers of our own: when the process ends, PostgreSQL frees its locks by itself.
  state.switchbackWorkers = loops;
}
