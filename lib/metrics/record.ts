import { metrics, type StreamKind } from "@/lib/metrics/registry";

// The one-line calls the rest of the code makes to count and time what it does. None of them can
// throw into the caller's path, and none changes what it returns.

// A flip's outcome, passed through: `return countFlip(await flip())`.
export function countFlip<T extends { kind: string }>(outcome: T): T {
  metrics.flips.inc({ outcome: outcome.kind });
  return outcome;
}

export function countAutoActions(action: "auto_stop" | "auto_pause", fired: number): void {
  if (fired > 0) metrics.autoActions.inc({ action }, fired);
}

// A source's poll that got no value: its loop's tick itself succeeds (the error is the signal's).
export function countPollErrors(source: "prometheus" | "database", failed: number): void {
  if (failed > 0) metrics.pollErrors.inc({ source }, failed);
}

export function countWebhookFailures(failed: number): void {
  if (failed > 0) metrics.webhookFailures.inc(failed);
}

// Starts timing a background loop's tick; the returned function ends it, saying whether it failed.
export function timeTick(loop: string): (failed: boolean) => void {
  const end = metrics.tickDuration.startTimer({ loop });
  return (failed) => {
    end();
    if (failed) metrics.tickFailures.inc({ loop });
  };
}

// A running loop's leadership, read at each scrape; the returned function forgets the loop.
export function trackLeader(loop: string, leads: () => boolean): () => void {
  const checks = metrics.leaders.get(loop) ?? new Set();
  metrics.leaders.set(loop, checks.add(leads));
  return () => {
    checks.delete(leads);
    if (checks.size === 0) metrics.leaders.delete(loop);
  };
}

// Where the open streams of a kind are counted (the module holding them says, once it loads).
export function countStreamsWith(kind: StreamKind, count: () => number): void {
  metrics.streamCounts.set(kind, count);
}
