import { env } from "@/lib/env";
import { LOCK } from "@/lib/db/locks";
import { getDb } from "@/lib/db";
import { startLeaderLoop, type LeaderLoop } from "@/lib/live/leader";
import { ensureListening, onNews } from "@/lib/live/listener";
import { createLeaderSession } from "@/lib/live/leader-session";
import { autoStopTick } from "@/lib/flags/auto-stop";
import { autoPauseTick } from "@/lib/flags/auto-pause";
import { settleConvergences } from "@/lib/flags/convergence/settle";
import { checkpointIfDue } from "@/lib/audit/checkpoint";
import { asSql } from "@/lib/db/sql";
import { expireFlagOnRequests } from "@/lib/flags/four-eyes";
import { watchFlagSteps } from "@/lib/incidents/watch";
import { startWebhookDispatcher } from "@/lib/notify/dispatch";
import { onShutdown } from "@/lib/http/shutdown";
import { SIGNAL_SOURCES } from "@/lib/signals/sources/registry";
import { startRetentionLoop } from "@/lib/signals/retention/loop";

// Background work of a server process. Every instance starts it; each loop works only while its
// instance holds that loop's leader lock. All of them share the app's client and one leader
// session, so the instance stays inside its connection budget (lib/db.ts).

const state = globalThis as unknown as { switchbackWorkers?: LeaderLoop[] };

// Runs every task, one after another; the first failure is rethrown at the end for the loop to log.
async function inTurn(tasks: (() => Promise<unknown>)[]): Promise<void> {
  let failure: unknown = null;
  for (const task of tasks) await task().catch((error: unknown) => void (failure ??= error));
  if (failure) throw failure;
}

export function startWorkers(): void {
  if (state.switchbackWorkers || !env.DATABASE_URL) return;
  const shared = { db: getDb(), session: createLeaderSession(env.DIRECT_DATABASE_URL ?? env.DATABASE_URL) };
  const killSwitchLoop = startLeaderLoop({
    databaseUrl: env.DATABASE_URL,
    shared,
    key: LOCK.autoStopLeader,
    name: "switchback-auto-stop",
    tickMs: 1000,
    // Stop before pause: a release that is being stopped does not also need its backfill paused.
    // Same cadence and leader as auto-stop for the rest: all of them watch the kill switch, on one
    // connection. Each runs whatever the others did: one failing must not hold up the rest.
    work: (db) =>
      inTurn([
        () => autoStopTick(db),
        () => autoPauseTick(db),
        () => expireFlagOnRequests(db),
        () => watchFlagSteps(db),
        // Records when every consumer has been served a flip (flag.converged / flag.not_converged).
        () => settleConvergences(db),
      ]),
  });
  // A sample or an event that completes a breach is acted on at once, not at the next tick: the
  // auto-stop budget is N checks, not N checks and a second. Only the leader's poke runs work.
  void ensureListening().then(
    () => onNews(() => killSwitchLoop.poke()),
    () => undefined,
  );
  const loops: LeaderLoop[] = [
    killSwitchLoop,
    startWebhookDispatcher(env.DATABASE_URL, shared),
    // Cheap when nothing is due (two one-row reads); the signing is what runs every N events or M minutes.
    startLeaderLoop({
      databaseUrl: env.DATABASE_URL,
      shared,
      key: LOCK.auditCheckpointLeader,
      name: "switchback-audit-checkpoint",
      tickMs: 5000,
      work: (db) => db.$transaction((tx) => checkpointIfDue(asSql(tx)), { timeout: 60_000 }),
    }),
  ];
  // Each polled signal source the server is set up for (Prometheus needs PROMETHEUS_URL).
  for (const source of Object.values(SIGNAL_SOURCES)) {
    if (source.mode === "poll" && source.health().ok) loops.push(source.start({ databaseUrl: env.DATABASE_URL, shared }));
  }
  // Raw samples of long-finished releases become per-minute rows (SAMPLE_RETENTION_DAYS; "off": kept).
  if (env.SAMPLE_RETENTION_DAYS !== null) loops.push(startRetentionLoop(env.DATABASE_URL, shared, env.SAMPLE_RETENTION_DAYS));
  state.switchbackWorkers = loops;
  // A SIGTERM (scripts/serve.ts) gives leadership up at once: each loop finishes its tick and
  // releases its lock, so another instance takes over on its next tick, not when this one is gone.
  // A process that dies without one loses its locks with its session all the same.
  onShutdown("leadership", () => Promise.all(loops.map((loop) => loop.stop())));
}
