import { getDb } from "@/lib/db";
import { maxCursor, type Cursor } from "@/lib/live/cursor";
import { currentCursor } from "@/lib/live/cursor-db";
import { readSince, type LiveBatch } from "@/lib/live/events";
import { ensureListening, onNews } from "@/lib/live/listener";
import { countStreamsWith } from "@/lib/metrics/record";

// One hub per release per process: on news it reads what is new once and hands it to every open
// stream of that release, so twenty watchers cost one query, not twenty.

type Subscriber = (batch: LiveBatch) => void;

class ReleaseHub {
  private subscribers = new Set<Subscriber>();
  private pulling: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly releaseId: string,
    public cursor: Cursor,
  ) {}

  get clients(): number {
    return this.subscribers.size;
  }

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) hubs.delete(this.releaseId);
    };
  }

  poke(): void {
    if (this.pulling) {
      this.again = true;
      return;
    }
    this.pulling = this.pull().finally(() => {
      this.pulling = null;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        const batch = await readSince(getDb(), this.releaseId, this.cursor);
        if (batch.samples.length === 0 && batch.events.length === 0) return;
        this.cursor = maxCursor(this.cursor, batch.cursor);
        for (const subscriber of this.subscribers) subscriber(batch);
      }
    } catch (error) {
      console.error("live hub: could not read news", error);
    }
  }
}

const hubs = ((globalThis as unknown as { switchbackHubs?: Map<string, ReleaseHub> }).switchbackHubs ??= new Map());
countStreamsWith("live", () => [...hubs.values()].reduce((open, hub) => open + hub.clients, 0));
// Hubs being made: twenty browsers connecting at once must end up on one hub, not twenty.
const making = new Map<string, Promise<ReleaseHub>>();
let wired = false;

async function hubFor(releaseId: string): Promise<ReleaseHub> {
  await ensureListening();
  if (!wired) {
    wired = true;
    onNews((id) => {
      if (id) hubs.get(id)?.poke();
      else for (const hub of hubs.values()) hub.poke();
    });
  }
  const hub = hubs.get(releaseId);
  if (hub) return hub;
  let made = making.get(releaseId);
  if (!made) {
    made = currentCursor(getDb())
      .then((cursor) => {
        const fresh = new ReleaseHub(releaseId, cursor);
        hubs.set(releaseId, fresh);
        return fresh;
      })
      .finally(() => making.delete(releaseId));
    making.set(releaseId, made);
  }
  return made;
}

// Subscribes from `since`: first what happened after it (replay), then live news, with no gap and
// no duplicate, whatever happens while the replay is read.
export async function subscribe(releaseId: string, since: Cursor | null, send: Subscriber): Promise<() => void> {
  const hub = await hubFor(releaseId);
  const upTo = hub.cursor;
  const held: LiveBatch[] = [];
  let replaying = true;
  const unsubscribe = hub.add((batch) => (replaying ? held.push(batch) : send(batch)));
  if (since) {
    let from = since;
    while (from.audit < upTo.audit || from.sample < upTo.sample) {
      const batch = await readSince(getDb(), releaseId, from, upTo);
      if (batch.samples.length === 0 && batch.events.length === 0) break;
      send(batch);
      from = maxCursor(from, batch.cursor);
    }
  }
  replaying = false;
  for (const batch of held) send(batch);
  return unsubscribe;
}
