import { env } from "@/lib/env";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop, type LeaderLoop } from "@/lib/live/leader";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { checkpointIfDue } from "@/lib/audit/checkpoint";
import { asSql } from "@/lib/db/sql";
import { expireFlagOnRequests } from "@/lib/flags/four-eyes";
import { watchFlagSteps } from "@/lib/incidents/watch";
import { DEMO_INTERVAL_SECONDS, demoTick } from "@/lib/signals/demo";
import { startWebhookDispatcher } from "@/lib/notify/dispatch";
import { startPrometheusPoller } from "@/lib/signals/prometheus-poller";

// Background work of a server process. Every instance starts it; each loop works only while its
// instance holds that loop's leader lock.


const state = globalThis as unknown as { switchbackWorkers?: LeaderLoop[] };

export function startWorkers(): void {
  if (state.switchbackWorkers || !env.DATABASE_URL) return;
  const loops: LeaderLoop[] = [
    startLeaderLoop({ databaseUrl: env.DATABASE_URL, key: LOCK.demoLeader, name: "switchback-demo-signals", tickMs: DEMO_INTERVAL_SECONDS * 1000, work: (db) => demoTick(db) }),
    startLeaderLoop({ databaseUrl: env.DATABASE_URL, key: LOCK.autoStopLeader, name: "switchback-auto-stop", tickMs: 1000, work: async (db) => {
        await autoStopTick(db);
        // Same cadence and leader as auto-stop: both watch the kill switch, one connection.
        await expireFlagOnRequests(db);
        await watchFlagSteps(db);
      } }),
    startWebhookDispatcher(env.DATABASE_URL),
    // Cheap when nothing is due (two one-row reads); the signing is what runs every N events or M minutes.
    startLeaderLoop({ databaseUrl: env.DATABASE_URL, key: LOCK.auditCheckpointLeader, name: "switchback-audit-checkpoint", tickMs: 5000, work: (db) => db.$transaction((tx) => checkpointIfDue(asSql(tx)), { timeout: 60_000 }) }),
  ];
  if (env.PROMETHEUS_URL) {
    loops.push(startPrometheusPoller({ databaseUrl: env.DATABASE_URL, baseUrl: env.PROMETHEUS_URL, tickMs: env.PROMETHEUS_POLL_TICK_MS }));
  }
  // No signal handlers of our own: when the process ends, PostgreSQL frees its locks by itself.
  state.switchbackWorkers = loops;
}
