import { getDb, type Db } from "@/lib/db";
import { identify, type ConsumerIdentity } from "@/lib/flags/consumers/identity";
import { flush } from "@/lib/flags/consumers/flush";
import { consumerKey, flagOf, idsKey, state, type Entry, type Via } from "@/lib/flags/consumers/memory";
import { onCachedFlagChange } from "@/lib/flags/ofrep/flag-cache";

// What each consumer was last served, per (flag, environment, consumer), kept in memory and
// flushed to flag_consumers once a second by each instance (flush.ts): never a database write per
// request. A consumer's value is the one it was served last, by whichever instance: a lagging
// instance that answers with the old value after the flip leaves the consumer on the old value.

export type { Via } from "@/lib/flags/consumers/memory";

const FLUSH_MS = 1_000;
// Bounded: beyond this, the consumers unseen longest are forgotten here (their rows stay).
const MAX_ENTRIES = 20_000;
const MAX_SIGHTINGS = 20_000;
// Consumer ids are chosen by clients: one read token could invent thousands, each an active
// laggard for 5 minutes after every flip and a row for 30 days. Beyond this many distinct ids per
// token and flag, an instance records the rest as the single consumer "<token name>/(more)".
export const MAX_IDS_PER_TOKEN = 500;
export const MORE = "(more)";

function startTimer() {
  if (!state.wired) {
    state.wired = true;
    // A flag that changed is watched closely for a while (flush.ts): every serve is written.
    onCachedFlagChange((change) => void state.changedAt.set(change ? flagOf(change.environment, change.key) : "*", Date.now()));
  }
  if (state.timer) return;
  state.timer = setInterval(() => {
    if (!state.flushing) void flushConsumersNow().catch((error: unknown) => console.error("flag consumers: could not flush", error));
  }, FLUSH_MS);
  state.timer.unref();
}

function forget(entry: Entry) {
  const key = consumerKey(entry.environment, entry.consumer);
  const flags = state.consumers.get(key);
  if (!flags?.delete(entry.flagKey)) return;
  if (flags.size === 0) state.consumers.delete(key);
  state.size--;
  if (!entry.counted) return;
  const ids = idsKey(entry.environment, entry.flagKey, entry.tokenName);
  const left = (state.ids.get(ids) ?? 1) - 1;
  if (left > 0) state.ids.set(ids, left);
  else state.ids.delete(ids);
}

function evict() {
  const all = [...state.consumers.values()].flatMap((flags) => [...flags.values()]);
  all.sort((a, b) => a.lastSeen.getTime() - b.lastSeen.getTime());
  for (const entry of all.slice(0, state.size - Math.floor(MAX_ENTRIES * 0.9))) forget(entry);
}

// The entry a serve lands on, made if new; an id beyond its token's cap lands on "(more)".
function entryFor(flag: { key: string; environment: string; enabled: boolean; version: number }, who: ConsumerIdentity, now: Date): Entry {
  const existing = state.consumers.get(consumerKey(flag.environment, who.consumer))?.get(flag.key);
  if (existing) return existing;
  let counted = false;
  if (who.consumerId !== null) {
    const ids = idsKey(flag.environment, flag.key, who.tokenName);
    const count = state.ids.get(ids) ?? 0;
    if (count >= MAX_IDS_PER_TOKEN) {
      if (who.consumerId !== MORE) return entryFor(flag, identify(who.tokenName, MORE), now);
    } else {
      state.ids.set(ids, count + 1);
      counted = true;
    }
  }
  const key = consumerKey(flag.environment, who.consumer);
  let byFlag = state.consumers.get(key);
  if (!byFlag) state.consumers.set(key, (byFlag = new Map()));
  const { enabled, version, environment } = flag;
  const entry: Entry = {
    ...{ flagKey: flag.key, environment, consumer: who.consumer, tokenName: who.tokenName, enabled, version },
    ...{ versionAt: now, servedAt: now, lastSeen: now, via: "bulk", counted, flushed: null },
  };
  byFlag.set(flag.key, entry);
  state.size++;
  return entry;
}

export function recordServed(
  flags: { key: string; environment: string; enabled: boolean; version: number }[],
  who: ConsumerIdentity,
  via: Via,
  now = new Date(),
) {
  for (const flag of flags) {
    const entry = entryFor(flag, who, now);
    if (flag.version !== entry.version) {
      Object.assign(entry, { version: flag.version, versionAt: now });
      state.changedAt.set(flagOf(flag.environment, flag.key), now.getTime());
    }
    Object.assign(entry, { enabled: flag.enabled, servedAt: now, lastSeen: now, via });
  }
  if (state.size > MAX_ENTRIES) evict();
  startTimer();
}

function sight(environment: string, consumer: string, flagKey: string | null, now: number) {
  const key = `${consumerKey(environment, consumer)}\n${flagKey ?? "*"}`;
  const sighting = state.sightings.get(key);
  state.sightings.delete(key);
  state.sightings.set(key, { environment, consumer, flagKey, seen: now, flushedSeen: sighting?.flushedSeen ?? null });
  if (state.sightings.size > MAX_SIGHTINGS) state.sightings.delete(state.sightings.keys().next().value!);
}

// An open event stream (at open and at each heartbeat): the consumer is still there, whatever it
// was last served and whichever instance served it. keys null: every flag of the environment.
export function touchConsumer(environment: string, consumer: string, keys: string[] | null, now = new Date()) {
  const byFlag = state.consumers.get(consumerKey(environment, consumer));
  let touched = false;
  for (const entry of byFlag?.values() ?? []) {
    if (keys !== null && !keys.includes(entry.flagKey)) continue;
    Object.assign(entry, { lastSeen: now, via: "stream" });
    touched = true;
  }
  const unknown = keys === null ? (touched ? [] : [null]) : keys.filter((key) => !byFlag?.has(key));
  for (const key of unknown) sight(environment, consumer, key, now.getTime());
  startTimer();
}

// Writes what is due now; the timer calls it every second, tests call it directly.
export async function flushConsumersNow(db: Db = getDb()): Promise<void> {
  while (state.flushing) await state.flushing.catch(() => undefined);
  state.flushing = flush(db).finally(() => (state.flushing = null));
  return state.flushing;
}
