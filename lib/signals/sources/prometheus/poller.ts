import pLimit from "p-limit";
import type { Db } from "@/lib/db";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop, type LeaderLoop, type LeaderShared } from "@/lib/live/leader";
import { ingestSamples, type IncomingSample } from "@/lib/signals/ingest";
import { describeProblem, queryPrometheus } from "@/lib/signals/sources/prometheus/query";
import { countPollErrors } from "@/lib/metrics/record";

// Polls the PromQL of every live release's Prometheus signals, on the leader instance only, so
// samples are not stored twice.

const LOCK_APPLICATION_NAME = "switchback-prometheus-poller";
const CONCURRENT_QUERIES = 8;
export const POLL_TIMEOUT_MS = 3000;

export interface PollerOptions {
  databaseUrl: string;
  baseUrl: string;
  tickMs?: number;
  timeoutMs?: number;
  log?: (msg: string) => void;
  shared?: LeaderShared;
}

/**
 * One pass over the signals that are due. `lastPolledAt` (signal id → epoch ms) is the poller's
 * schedule; without one every signal is due, which is what a one-off pass wants.
 */
export async function pollOnce(
  db: Db,
  baseUrl: string,
  timeoutMs: number,
  now = new Date(),
  lastPolledAt = new Map<string, number>(),
): Promise<{ polled: number }> {
  const signals = await db.signal.findMany({
    where: { source: "PROMETHEUS", release: { status: { in: ["READY", "IN_PROGRESS", "PAUSED", "STOPPED"] } } },
    select: { id: true, releaseId: true, promql: true, pollIntervalSeconds: true, lastError: true },
  });
  const live = new Set(signals.map((s) => s.id));
  for (const id of lastPolledAt.keys()) if (!live.has(id)) lastPolledAt.delete(id);

  const due = signals.filter((s) => {
    const last = lastPolledAt.get(s.id);
    return s.promql?.trim() && (last === undefined || now.getTime() - last >= Math.max(1, s.pollIntervalSeconds) * 1000);
  });
  for (const s of due) lastPolledAt.set(s.id, now.getTime());
  const outcomes = await pLimit(CONCURRENT_QUERIES).map(due, async (signal) => ({
    signal,
    result: await queryPrometheus(baseUrl, signal.promql ?? "", timeoutMs),
  }));

  const samplesByRelease = new Map<string, IncomingSample[]>();
  const writes: Promise<unknown>[] = [];
  for (const { signal, result } of outcomes) {
    // No value means no sample: the criterion turns STALE on its own, which is the honest state.
    if (result.kind === "value") {
      const batch = samplesByRelease.get(signal.releaseId) ?? [];
      batch.push({ signalId: signal.id, value: result.value, at: result.at });
      samplesByRelease.set(signal.releaseId, batch);
    }
    const lastError = describeProblem(result, timeoutMs);
    // Written only on change, so a steady state costs no write per tick. updateMany, because a
    // signal deleted since the read is no reason to fail the whole pass.
    if (lastError !== signal.lastError) writes.push(db.signal.updateMany({ where: { id: signal.id }, data: { lastError } }));
  }
  for (const [releaseId, samples] of samplesByRelease) writes.push(ingestSamples(db, releaseId, samples));
  countPollErrors("prometheus", outcomes.filter(({ result }) => describeProblem(result, timeoutMs) !== null).length);
  await Promise.all(writes);
  return { polled: due.length };
}

export function startPrometheusPoller(options: PollerOptions): LeaderLoop {
  const { databaseUrl, baseUrl, tickMs = 1000, timeoutMs = POLL_TIMEOUT_MS } = options;
  const lastPolledAt = new Map<string, number>();
  return startLeaderLoop({
    databaseUrl,
    shared: options.shared,
    key: LOCK.prometheusLeader,
    name: LOCK_APPLICATION_NAME,
    tickMs,
    log: options.log ?? ((msg: string) => console.log(`[prometheus-poller] ${msg}`)),
    work: (db, newTerm) => {
      // A new term starts with every signal due, whatever was polled before.
      if (newTerm) lastPolledAt.clear();
      return pollOnce(db, baseUrl, timeoutMs, new Date(), lastPolledAt);
    },
  });
}
