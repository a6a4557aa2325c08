import { getDb } from "@/lib/db";
import { onShutdown } from "@/lib/http/shutdown";
import { ensureListening, listenerEpoch, onNews } from "@/lib/live/listener";
import { judgeGate, type GateJudgement } from "@/lib/pipelines/gate";
import type { StageName } from "@/lib/api/v1/schemas";

// Long-polling the gate without a query per waiting request: the pipelines waiting on one release
// share one watch. It judges again when the live hub (LISTEN/NOTIFY) says the release has news (a
// decision, a completed stage, a sample), once for all of them, and hands each waiter its
// answer. Between news it looks again every RECHECK_MS (what no notification announces: a
// business cycle passing, a sample going stale), or every second while the listener is down.

const RECHECK_MS = 15_000;
const UNLISTENED_RECHECK_MS = 1_000;
// Coalesces a burst of news (a push of many samples) into one judgement.
const SETTLE_MS = 25;

interface Waiter {
  stage: StageName;
  resolve: (judgement: GateJudgement | null) => void;
}

interface Watch {
  waiters: Set<Waiter>;
  unsubscribe: () => void;
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  again: boolean;
}

const watches = ((globalThis as unknown as { switchbackGateWatches?: Map<string, Watch> }).switchbackGateWatches ??= new Map());

// How many requests wait right now, and on how many releases (for the bench and /metrics).
export const gateWaiting = () => ({ requests: [...watches.values()].reduce((n, w) => n + w.waiters.size, 0), releases: watches.size });

function schedule(releaseId: string, watch: Watch, ms: number) {
  clearTimeout(watch.timer);
  watch.timer = setTimeout(() => void judgeAll(releaseId, watch), ms);
}

async function judgeAll(releaseId: string, watch: Watch): Promise<void> {
  if (watch.running) return void (watch.again = true);
  watch.running = true;
  try {
    const stages = new Set([...watch.waiters].map((w) => w.stage));
    for (const stage of stages) {
      const judgement = await judgeGate(getDb(), releaseId, stage).catch(() => undefined);
      // A failed read answers nobody: they keep waiting and the next news or recheck tries again.
      if (judgement === undefined || judgement?.kind === "waiting") continue;
      for (const waiter of watch.waiters) {
        if (waiter.stage !== stage) continue;
        watch.waiters.delete(waiter);
        waiter.resolve(judgement);
      }
    }
  } finally {
    watch.running = false;
    if (watch.waiters.size === 0) end(releaseId, watch);
    else if (watch.again) {
      watch.again = false;
      schedule(releaseId, watch, SETTLE_MS);
    } else schedule(releaseId, watch, listenerEpoch() === null ? UNLISTENED_RECHECK_MS : RECHECK_MS);
  }
}

function end(releaseId: string, watch: Watch) {
  clearTimeout(watch.timer);
  watch.unsubscribe();
  if (watches.get(releaseId) === watch) watches.delete(releaseId);
}

function watchFor(releaseId: string): Watch {
  const existing = watches.get(releaseId);
  if (existing) return existing;
  const watch: Watch = { waiters: new Set(), unsubscribe: () => undefined, running: false, again: false };
  // null: the listener reconnected and may have missed news of this release too.
  watch.unsubscribe = onNews((id) => {
    if (id !== releaseId && id !== null) return;
    // A judgement already reading may have read before this news committed: it judges again
    // when it ends (its end would otherwise replace a timer set here with the long recheck).
    if (watch.running) watch.again = true;
    else schedule(releaseId, watch, SETTLE_MS);
  });
  watches.set(releaseId, watch);
  schedule(releaseId, watch, listenerEpoch() === null ? UNLISTENED_RECHECK_MS : RECHECK_MS);
  return watch;
}

// The gate's answer: at once when it is open or closed; otherwise the first open or closed answer
// within `waitMs`, else the judgement as it stands then. null: the release does not exist.
export async function waitAtGate(releaseId: string, stage: StageName, waitMs: number, abort?: AbortSignal): Promise<GateJudgement | null> {
  await ensureListening().catch(() => undefined);
  // A caller that hung up before now (its listener below would never hear it) is answered at once.
  if (waitMs <= 0 || abort?.aborted) return judgeGate(getDb(), releaseId, stage);
  // The waiter joins the watch before the first judgement (in the same turn as finding the watch,
  // so no other request can end it in between), and news that lands while it reads is not lost.
  const watch = watchFor(releaseId);
  let settle!: (answer: GateJudgement | null | "timeout") => void;
  const answer = new Promise<GateJudgement | null | "timeout">((resolve) => (settle = resolve));
  const waiter: Waiter = { stage, resolve: (judgement) => settle(judgement) };
  watch.waiters.add(waiter);
  const leave = () => {
    watch.waiters.delete(waiter);
    if (watch.waiters.size === 0 && !watch.running) end(releaseId, watch);
  };
  const timeout = () => settle("timeout");
  const deadline = setTimeout(timeout, waitMs);
  abort?.addEventListener("abort", timeout, { once: true });
  // A stopping instance (SIGTERM) answers its waiters at once with the gate as it stands: a 202
  // the pipeline asks again, through the load balancer, of an instance that is staying.
  const unregister = onShutdown("streams", timeout);
  try {
    const first = await judgeGate(getDb(), releaseId, stage);
    if (first === null || first.kind !== "waiting") settle(first);
    const result = await answer;
    if (abort?.aborted) return first;
    // Time is up: one last look, so the answer says what it waits for now, not at the start.
    return result === "timeout" ? await judgeGate(getDb(), releaseId, stage) : result;
  } finally {
    clearTimeout(deadline);
    abort?.removeEventListener("abort", timeout);
    unregister();
    leave();
  }
}
