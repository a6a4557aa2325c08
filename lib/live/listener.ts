import type pg from "pg";
import { sessionClient } from "@/lib/db/pg";
import { AUDIT_CHANNEL } from "@/lib/audit/append";
import { env } from "@/lib/env";
import { SAMPLES_CHANNEL } from "@/lib/signals/ingest";

// One LISTEN connection per server process, shared by every open stream. A notification only
// says "release R has news"; the hub for R reads what is new from the database.

type Handler = (releaseId: string | null) => void;

interface ListenerState {
  handlers: Set<Handler>;
  client?: pg.Client;
  connecting?: Promise<void>;
}

const state = ((globalThis as unknown as { switchbackListener?: ListenerState }).switchbackListener ??= { handlers: new Set() });

function dispatch(releaseId: string | null) {
  for (const handler of state.handlers) handler(releaseId);
}

async function connect(): Promise<void> {
  const client = sessionClient(env.DATABASE_URL, "switchback-listener");
  client.on("notification", (message) => {
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
          () => dispatch(null),
          () => undefined,
        ),
      1000,
    );
  });
  await client.connect();
  await client.query(`LISTEN ${AUDIT_CHANNEL}`);
  await client.query(`LISTEN ${SAMPLES_CHANNEL}`);
  state.client = client;
}

export function ensureListening(): Promise<void> {
  if (state.client) return Promise.resolve();
  state.connecting ??= connect().finally(() => (state.connecting = undefined));
  return state.connecting;
}

export function onNews(handler: Handler): () => void {
  state.handlers.add(handler);
  return () => void state.handlers.delete(handler);
}
