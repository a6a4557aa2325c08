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
  const client = sessionClient(env.DATABASE_URL, "switchback-listener");
  client.on("notification", (message) => {
    if (message.channel === FLAGS_CHANNEL) return dispatchFlag(parseFlagChange(message.payload));
    try {
      dispatch((JSON.parse(message.payload ?? "{}") as { releaseId?: string | null }).releaseId ?? null);
    } catch {
      dispatch(null);
    }
  });
  client.on("error", () => undefined);
  client.on("end", () => {
    state.client = undefined;
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
  });
  await client.connect();
  await client.query(`LISTEN ${AUDIT_CHANNEL}`);
  await client.query(`LISTEN ${SAMPLES_CHANNEL}`);
  await client.query(`LISTEN ${FLAGS_CHANNEL}`);
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
