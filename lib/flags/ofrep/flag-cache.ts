import { getDb } from "@/lib/db";
import { etagOf, readFlags, type FlagState } from "@/lib/flags/ofrep/ofrep";
import { ensureListening, listenerEpoch, onFlagChange, type FlagChange } from "@/lib/live/listener";

// Each instance keeps the flags table in memory, per environment, loaded on first use and kept
// fresh by the flags trigger's notifications (lib/live/listener.ts), so an unchanged poll or an
// event stream's fan-out needs no query. The cache is trusted only while the listener that fills
// it is connected, and only if it was loaded under that same connection: a notification missed
// while reconnecting would otherwise leave a flag stale for good. Untrusted, callers read the
// database as before.

export interface VisibleSet {
  flags: FlagState[];
  etag: string;
}

interface EnvCache {
  flags: Map<string, FlagState>;
  epoch: number;
  // Notifications that arrive while the first read is in flight, applied after it.
  pending: FlagChange[] | null;
  loaded: Promise<void>;
  sets: Map<string, VisibleSet>;
}

// Environments are named by callers; a flood of made-up ones must not grow memory without bound.
const MAX_ENVIRONMENTS = 256;

type Listener = (change: FlagChange | null) => void;

interface State {
  envs: Map<string, EnvCache>;
  listeners: Set<Listener>;
  wired: boolean;
}

const state = ((globalThis as unknown as { switchbackFlagCache?: State }).switchbackFlagCache ??= { envs: new Map(), listeners: new Set(), wired: false });

function apply(cache: EnvCache, change: FlagChange) {
  const current = cache.flags.get(change.key);
  // Notifications of one flag arrive in commit order, but a load may already hold a newer row.
  if (change.deleted) {
    if (!current || change.version >= current.version) cache.flags.delete(change.key);
  } else if (!current || change.version > current.version) {
    cache.flags.set(change.key, { key: change.key, environment: change.environment, enabled: change.enabled, version: change.version });
  } else return;
  cache.sets.clear();
}

function wire() {
  if (state.wired) return;
  state.wired = true;
  onFlagChange((change) => {
    if (change) {
      const cache = state.envs.get(change.environment);
      if (cache?.pending) cache.pending.push(change);
      else if (cache) apply(cache, change);
    } else state.envs.clear();
    for (const listener of state.listeners) listener(change);
  });
}

function load(environment: string, epoch: number): EnvCache {
  const cache: EnvCache = { flags: new Map(), epoch, pending: [], loaded: Promise.resolve(), sets: new Map() };
  cache.loaded = readFlags(getDb(), environment, null).then(
    (rows) => {
      for (const row of rows) cache.flags.set(row.key, row);
      for (const change of cache.pending ?? []) apply(cache, change);
      cache.pending = null;
    },
    (error: unknown) => {
      if (state.envs.get(environment) === cache) state.envs.delete(environment);
      throw error;
    },
  );
  if (state.envs.size >= MAX_ENVIRONMENTS) state.envs.delete(state.envs.keys().next().value!);
  state.envs.set(environment, cache);
  return cache;
}

// The environment's flags as this instance knows them, or null when memory is not to be trusted.
async function trusted(environment: string): Promise<EnvCache | null> {
  wire();
  await ensureListening().catch(() => undefined);
  const epoch = listenerEpoch();
  if (epoch === null) return null;
  let cache = state.envs.get(environment);
  if (!cache || cache.epoch !== epoch) cache = load(environment, epoch);
  else {
    // Most recently used last, so the bound drops the one unused longest.
    state.envs.delete(environment);
    state.envs.set(environment, cache);
  }
  await cache.loaded;
  return cache.epoch === listenerEpoch() ? cache : null;
}

function visibleIn(cache: EnvCache, keys: string[] | null): VisibleSet {
  const name = keys === null ? "*" : JSON.stringify(keys);
  let set = cache.sets.get(name);
  if (!set) {
    const flags = keys === null ? [...cache.flags.values()] : keys.flatMap((key) => cache.flags.get(key) ?? []);
    flags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    set = { flags, etag: etagOf(flags) };
    if (cache.sets.size > 1_000) cache.sets.clear();
    cache.sets.set(name, set);
  }
  return set;
}

// What a caller may see in an environment: from memory when trusted, else from the database.
// `atLeast`: an etag the caller was told about (an event stream's flagConfigEtag); memory that
// does not match it may lag behind the instance that sent it, so the database answers then.
export async function visibleSet(environment: string, keys: string[] | null, atLeast?: string | null): Promise<VisibleSet & { fromMemory: boolean }> {
  const cache = await trusted(environment);
  // One turn of the event loop first: a notification already in the listener's socket (a commit
  // that raced this request here) is applied before memory answers.
  if (cache) await new Promise((resolve) => setImmediate(resolve));
  if (cache) {
    const set = visibleIn(cache, keys);
    if (!atLeast || set.etag.replaceAll('"', "") === atLeast.replaceAll('"', "")) return { ...set, fromMemory: true };
  }
  const flags = await readFlags(getDb(), environment, keys);
  return { flags, etag: etagOf(flags), fromMemory: false };
}

// A change this instance just committed, applied before the action that made it answers: the
// caller's next read here sees it even if the flags trigger's NOTIFY is still on its way (other
// instances learn it from that NOTIFY, a few milliseconds later). This instance's event streams
// are told at once too, not a NOTIFY round trip later (measured ~10 ms at commit, when the server
// is busiest). The NOTIFY itself then changes nothing here: apply() keeps the newer version, and
// each stream is told an etag only once.
export function applyCommitted(change: FlagChange) {
  const cache = state.envs.get(change.environment);
  if (cache?.pending) cache.pending.push(change);
  else if (cache) apply(cache, change);
  if (cache && !cache.pending) for (const listener of state.listeners) listener(change);
}

// For the event streams: told of every change after the cache has taken it in (null: reload all).
export function onCachedFlagChange(listener: Listener): () => void {
  wire();
  state.listeners.add(listener);
  return () => void state.listeners.delete(listener);
}
