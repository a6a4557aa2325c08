import { ACTIVE_WINDOW_MS, laggardsPhrase, NO_CONSUMERS, onOff, SETTLE_AFTER_MS } from "@/lib/flags/convergence/words";

// Whether a flip of a built-in flag has reached its consumers: pure, so the watcher's decision is
// tested without a clock. A consumer counts when it read the flag in the 5 minutes before the
// flip or since; one quiet for longer is gone and neither holds the flip up nor counts as reached.

export interface ConsumerRead {
  consumer: string;
  tokenName: string;
  enabled: boolean;
  version: number;
  versionAt: number;
  lastSeenAt: number;
}

export interface Flip {
  key: string;
  environment: string;
  enabled: boolean;
  version: number;
  flippedAt: number;
  flipEventId: string | null;
}

export interface Reached {
  consumer: string;
  tokenName: string;
  at: string;
  afterMs: number;
}

export type Verdict =
  | { action: "flag.converged"; after: FlipFacts & { elapsedMs: number; consumers: Reached[] } }
  | { action: "flag.not_converged"; after: FlipFacts & { consumers: Reached[]; lagging: Lagging[]; reason: string } };

interface FlipFacts {
  key: string;
  environment: string;
  enabled: boolean;
  version: number;
  flippedAt: string;
  flipEventId: string | null;
}

interface Lagging {
  consumer: string;
  tokenName: string;
  enabled: boolean;
  lastSeenAt: string;
}

export function splitConsumers(flip: Pick<Flip, "version" | "flippedAt">, consumers: readonly ConsumerRead[]) {
  const active = consumers.filter((c) => c.lastSeenAt >= flip.flippedAt - ACTIVE_WINDOW_MS);
  const reached = active.filter((c) => c.version >= flip.version);
  const lagging = active.filter((c) => c.version < flip.version);
  return { active, reached, lagging };
}

// null while the flip may still reach everyone: not all reached, and 60 s have not passed.
export function judgeFlip(flip: Flip, consumers: readonly ConsumerRead[], now: number): Verdict | null {
  const { active, reached, lagging } = splitConsumers(flip, consumers);
  const facts: FlipFacts = {
    key: flip.key,
    environment: flip.environment,
    enabled: flip.enabled,
    version: flip.version,
    flippedAt: new Date(flip.flippedAt).toISOString(),
    flipEventId: flip.flipEventId,
  };
  const reachedFacts = reached.map((c) => ({
    consumer: c.consumer,
    tokenName: c.tokenName,
    at: new Date(c.versionAt).toISOString(),
    afterMs: Math.max(0, c.versionAt - flip.flippedAt),
  }));
  if (active.length > 0 && lagging.length === 0) {
    return { action: "flag.converged", after: { ...facts, elapsedMs: Math.max(...reachedFacts.map((c) => c.afterMs)), consumers: reachedFacts } };
  }
  if (now - flip.flippedAt < SETTLE_AFTER_MS) return null;
  const reason = active.length === 0 ? NO_CONSUMERS : `60 s after the flip to ${onOff(flip.enabled)}: ${laggardsPhrase(lagging, now)}.`;
  const laggingFacts = lagging.map((c) => ({
    consumer: c.consumer,
    tokenName: c.tokenName,
    enabled: c.enabled,
    lastSeenAt: new Date(c.lastSeenAt).toISOString(),
  }));
  return { action: "flag.not_converged", after: { ...facts, consumers: reachedFacts, lagging: laggingFacts, reason } };
}
