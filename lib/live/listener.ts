import type pg from "pg";
import { sessionClient } from "@/lib/db/pg";
import { AUDIT_CHANNEL } from "@/lib/audit/append";
import { env } from "@/lib/env";
import { SAMPLES_CHANNEL } from "@/lib/signals/ingest";

// One LISTEN connection per server process, shared by every open stream. A release notification
// only says "release R has news"; the hub for R reads what is new from the database. A flag
// notification (the flags table's trigger) carries the flag's new state itself, so the OFREP cache
// and its event streams need no query to learn it.

export const FLAGS_CHANNEL = "switchback_flags";
// The listener's own heartbeat: a connection that dropped without a word (a NAT or load balancer
// forgetting it, a failover without a reset) still looks open, and every cache that trusts its
// notifications would go on answering from memory. A NOTIFY it sends itself must come back.
const PING_CHANNEL = "switchback_listener_ping";
export const PING_EVERY_MS = 5_000;
// Generous: a busy event loop must not pass for a dead connection (a false alarm only reconnects).
const PING_TIMEOUT_MS = 8_000;

type Handler = (releaseId: string | null) => void;

export interface FlagChange {
  key: string;
  environment: string;
  enabled: boolean;
  version: number;
  deleted: boolean;
}

// null: the listener reconnected, so changes may have been missed; re-read everything.
type FlagHandler = (change: FlagChange | null) => void;

interface ListenerState {
  handlers: Set<Handler>;
  flagHandlers?: Set<FlagHandler>;
  client?: pg.Client;
  connecting?: Promise<void>;
  // Counts connections: a cache filled under an earlier one may have missed notifications.
  epoch?: number;
}

const state = ((globalThis as unknown as { switchbackListener?: ListenerState }).switchbackListener ??= { handlers: new Set() });
const flagHandlers = (state.flagHandlers ??= new Set());

function dispatch(releaseId: string | null) {
  for (const handler of state.handlers) handler(releaseId);
}

function dispatchFlag(change: FlagChange | null) {
  for (const handler of flagHandlers) handler(change);
}

function parseFlagChange(payload: string | undefined): FlagChange | null {
  try {
    const change = JSON.parse(payload ?? "") as Partial<FlagChange>;
    if (typeof change.key !== "string" || typeof change.environment !== "string" || typeof change.version !== "number") return null;
    return { key: change.key, environment: change.environment, enabled: change.enabled === true, version: change.version, deleted: change.deleted === true };
  } catch {
    return null;
  }
}

async function connect(): Promise<void> {
  // LISTEN holds a session: through PgBouncer's transaction pooling it would hear nothing.
  const client = sessionClient(env.DIRECT_DATABASE_URL ?? env.DATABASE_URL, "switchback-listener");
  // When the ping still waiting for its echo was sent, if one is.
  let pingSentAt: number | null = null;
  client.on("notification", (message) => {
    if (message.channel === PING_CHANNEL) return void (pingSentAt = null);
    if (message.channel === FLAGS_CHANNEL) return dispatchFlag(parseFlagChange(message.payload));
    try {
      dispatch((JSON.parse(message.payload ?? "{}") as { releaseId?: string | null }).releaseId ?? null);
    } catch {
      dispatch(null);
    }
  });
  client.on("error", () => undefined);
  // Set once listening; cleared when the connection ends, however it ends.
  const timers: { ping?: ReturnType<typeof setInterval> } = {};
  let ended = false;
  const onEnd = () => {
    if (ended) return;
    ended = true;
    clearInterval(timers.ping);
    if (state.client === client) state.client = undefined;
    // Reconnect, then tell everyone to re-read: anything sent while we were away is in the tables.
    setTimeout(
      () =>
        void ensureListening().then(
          () => {
            dispatch(null);
            dispatchFlag(null);
          },
          () => undefined,
        ),
      1000,
    );
  };
  client.on("end", onEnd);
  // Stops trusting the connection at once and tears its socket down. Ending politely would wait
  // on the very socket that stopped answering.
  const dropSilent = () => {
    if (ended) return;
    console.error("listener: the database stopped answering on the LISTEN connection; reconnecting");
    if (state.client === client) state.client = undefined;
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    onEnd();
  };
  await client.connect();
  await client.query(`LISTEN ${AUDIT_CHANNEL}`);
  await client.query(`LISTEN ${SAMPLES_CHANNEL}`);
  await client.query(`LISTEN ${FLAGS_CHANNEL}`);
  await client.query(`LISTEN ${PING_CHANNEL}`);
  timers.ping = setInterval(() => {
    if (pingSentAt !== null) return void (Date.now() - pingSentAt > PING_TIMEOUT_MS && dropSilent());
    pingSentAt = Date.now();
    void client.query(`NOTIFY ${PING_CHANNEL}`).catch(() => undefined);
  }, PING_EVERY_MS);
  timers.ping.unref();
  state.epoch = (state.epoch ?? 0) + 1;
  state.client = client;
}

export function ensureListening(): Promise<void> {
  if (state.client) return Promise.resolve();
  state.connecting ??= connect().finally(() => (state.connecting = undefined));
  return state.connecting;
}

// The current connection's number, or null while not listening (nothing cached is trusted then).
export function listenerEpoch(): number | null {
  return state.client ? (state.epoch ?? null) : null;
}

export function onNews(handler: Handler): () => void {
  state.handlers.add(handler);
  return () => void state.handlers.delete(handler);
}

export function onFlagChange(handler: FlagHandler): () => void {
  flagHandlers.add(handler);
  return () => void flagHandlers.delete(handler);
}
