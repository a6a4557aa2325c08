"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { LiveAuditEvent, LiveSample } from "@/lib/live/events";
import { HEARTBEAT_EVENT, isSilent } from "@/lib/live/heartbeat";

const WATCH_MS = 1000;

// Follows a release's SSE stream. EventSource reconnects by itself after an error and sends
// Last-Event-ID, so the server replays whatever was missed; `since` covers the gap between page
// load and connect. A connection that dies without an error (held half-open by a proxy, a laptop
// that slept) is noticed by its missing heartbeat: the badge says so at once and a fresh
// EventSource resumes from the last event seen.
export function useLiveStream(releaseId: string, since: string, onBatch: (batch: { samples: LiveSample[]; events: LiveAuditEvent[] }) => void) {
  const [connected, setConnected] = useState(false);
  // The latest callback, without reconnecting the stream each time the caller re-renders.
  const handler = useRef(onBatch);
  useLayoutEffect(() => {
    handler.current = onBatch;
  });

  useEffect(() => {
    let cursor = since;
    let lastHeard = Date.now();
    let source: EventSource;
    const heard = () => {
      lastHeard = Date.now();
      setConnected(true);
    };
    const connect = () => {
      lastHeard = Date.now();
      source = new EventSource(`/api/releases/${releaseId}/stream?since=${encodeURIComponent(cursor)}`);
      source.addEventListener("open", heard);
      source.addEventListener(HEARTBEAT_EVENT, heard);
      source.addEventListener("error", () => setConnected(false));
      source.addEventListener("batch", (event) => {
        const message = event as MessageEvent<string>;
        heard();
        if (message.lastEventId) cursor = message.lastEventId;
        handler.current(JSON.parse(message.data));
      });
    };
    connect();
    const watchdog = setInterval(() => {
      if (!isSilent(lastHeard, Date.now())) return;
      setConnected(false);
      source.close();
      connect();
    }, WATCH_MS);
    return () => {
      clearInterval(watchdog);
      source.close();
    };
    // `since` only matters for the first connection; later ones resume from the last event seen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [releaseId]);

  return connected;
}
