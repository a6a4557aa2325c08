import { getDb } from "@/lib/db";
import { identify } from "@/lib/flags/consumers/identity";
import { touchConsumer } from "@/lib/flags/consumers/tracker";
import { onCachedFlagChange, visibleSet } from "@/lib/flags/ofrep/flag-cache";
import type { StreamGrant } from "@/lib/flags/ofrep/ticket";
import type { FlagChange } from "@/lib/live/listener";
import { HEARTBEAT_MS } from "@/lib/live/heartbeat";
import { countStreamsWith } from "@/lib/metrics/record";

// Every open OFREP event stream of this process, fed by the flags notifications that reach every
// instance, so a flip made anywhere reaches every stream everywhere. A change is compared with
// what each stream was last told: the visible set's etag comes from memory (one computation per
// distinct set, shared by all streams that see it), never a query per stream.

export interface OpenStream {
  grant: StreamGrant;
  // The etag this stream's consumer was last told of (or said it had, via Last-Event-ID).
  told: string | null;
  send(etag: string): void;
  // Writes an SSE comment: keeps proxies from closing an idle stream; the providers ignore it.
  beat(): void;
  close(): void;
}

interface State {
  streams: Set<OpenStream>;
  wired: boolean;
  timers: ReturnType<typeof setInterval>[];
}

const state = ((globalThis as unknown as { switchbackOfrepStreams?: State }).switchbackOfrepStreams ??= { streams: new Set(), wired: false, timers: [] });
countStreamsWith("ofrep", () => state.streams.size);

// A stream outlives its ticket (the ticket only opens it): ending streams every few minutes would
// leave each consumer without pushes while it reconnects. Instead the tokens behind the open
// streams are checked once a minute, in one query per instance, and the streams of a revoked or
// expired token end; the provider's reconnect then gets 401.
const TOKEN_CHECK_MS = 60_000;

export const refetchFrame = (etag: string) => `id: ${etag}\ndata: ${JSON.stringify({ type: "refetchEvaluation", etag })}\n\n`;

// Sends a refetch when the stream's visible set is not what its consumer last knew.
export async function bringUpToDate(stream: OpenStream): Promise<void> {
  const { etag } = await visibleSet(stream.grant.environment, stream.grant.keys);
  if (etag === stream.told) return;
  stream.told = etag;
  stream.send(etag);
}

const concerns = (stream: OpenStream, change: FlagChange | null) =>
  change === null || (stream.grant.environment === change.environment && (stream.grant.keys === null || stream.grant.keys.includes(change.key)));

function wire() {
  if (state.wired) return;
  state.wired = true;
  onCachedFlagChange((change) => {
    for (const stream of state.streams) {
      if (!concerns(stream, change)) continue;
      bringUpToDate(stream).catch((error: unknown) => console.error("ofrep streams: could not read the flags", error));
    }
  });
}

// One timer for every stream's heartbeat and one for the token check, however many are open.
function startTimers() {
  if (state.timers.length) return;
  const beat = setInterval(() => {
    for (const stream of state.streams) {
      stream.beat();
      heartbeat(stream);
    }
  }, HEARTBEAT_MS);
  const check = setInterval(
    () => void endRevokedStreams().catch((error: unknown) => console.error("ofrep streams: could not check tokens", error)),
    TOKEN_CHECK_MS,
  );
  beat.unref();
  check.unref();
  state.timers = [beat, check];
}

export async function endRevokedStreams(now = new Date()): Promise<number> {
  const ids = [...new Set([...state.streams].map((stream) => stream.grant.tokenId))];
  if (!ids.length) return 0;
  const live = new Set(
    (
      await getDb().apiToken.findMany({
        where: { id: { in: ids }, kind: "FLAG_READ", revokedAt: null, expiresAt: { gt: now } },
        select: { id: true },
      })
    ).map((token) => token.id),
  );
  let ended = 0;
  for (const stream of state.streams) {
    if (live.has(stream.grant.tokenId)) continue;
    stream.close();
    ended++;
  }
  return ended;
}

export function openStream(stream: OpenStream): () => void {
  wire();
  startTimers();
  state.streams.add(stream);
  heartbeat(stream);
  return () => void state.streams.delete(stream);
}

// The stream's consumer is still there: its flag_consumers rows stay "seen" even when another
// instance (or this one before a restart) answered its evaluation, so it is never taken for gone.
export function heartbeat(stream: OpenStream): void {
  const { environment, keys, tokenName, consumerId } = stream.grant;
  touchConsumer(environment, identify(tokenName, consumerId).consumer, keys);
}
