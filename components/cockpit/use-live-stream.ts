"use client";

import { useEffect, useRef, useState } from "react";
import type { LiveAuditEvent, LiveSample } from "@/lib/live/events";

// Follows a release's SSE stream. EventSource reconnects by itself and sends Last-Event-ID, so
// the server replays whatever was missed; `since` covers the gap between page load and connect.
export function useLiveStream(releaseId: string, since: string, onBatch: (batch: { samples: LiveSample[]; events: LiveAuditEvent[] }) => void) {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onBatch);
  handler.current = onBatch;

  useEffect(() => {
    const source = new EventSource(`/api/releases/${releaseId}/stream?since=${encodeURIComponent(since)}`);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("batch", (event) => handler.current(JSON.parse((event as MessageEvent<string>).data)));
    return () => source.close();
    // `since` only matters for the first connection; later reconnects carry Last-Event-ID.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [releaseId]);

  return connected;
}
