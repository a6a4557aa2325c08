"use client";

import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type { ConsumersLine } from "@/lib/flags/convergence/view";

// One poller per release however many places show its Consumers line (the kill switch, the
// incident runbook): it asks the server while the tab is visible, every 2 s while a change is
// still reaching consumers and every 10 s otherwise, and at once when a component says the page
// has changed. Calls in the same moment coalesce into one request.

const FAST_MS = 2000;
const SLOW_MS = 10_000;
const COALESCE_MS = 50;

export interface ConsumersSnapshot {
  line: ConsumersLine | null;
  failed: boolean;
}

const EMPTY: ConsumersSnapshot = { line: null, failed: false };

interface Poller {
  snapshot: ConsumersSnapshot;
  listeners: Set<() => void>;
  refresh(): void;
  stop(): void;
}

const pollers = new Map<string, Poller>();

function startPoller(releaseId: string): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let stopped = false;
  const poller: Poller = {
    snapshot: EMPTY,
    listeners: new Set(),
    refresh: () => {
      if (inFlight) again = true;
      else schedule(COALESCE_MS);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    },
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), ms);
  };
  const load = async () => {
    inFlight = true;
    let line: ConsumersLine | null = null;
    try {
      const response = await fetch(`/api/releases/${releaseId}/consumers`, { cache: "no-store" });
      if (response.ok) line = (await response.json()) as ConsumersLine;
    } catch {
      // Offline for a moment: keep the last line and ask again on the next tick.
    }
    inFlight = false;
    if (stopped) return;
    poller.snapshot = { line: line ?? poller.snapshot.line, failed: !line };
    poller.listeners.forEach((listener) => listener());
    if (again) {
      again = false;
      schedule(0);
    } else if (document.visibilityState === "visible") schedule(line?.tone === "amber" || !line ? FAST_MS : SLOW_MS);
  };
  const onVisible = () => document.visibilityState === "visible" && !inFlight && schedule(0);
  document.addEventListener("visibilitychange", onVisible);
  schedule(0);
  return poller;
}

function subscribe(releaseId: string, listener: () => void): () => void {
  const poller = pollers.get(releaseId) ?? startPoller(releaseId);
  pollers.set(releaseId, poller);
  poller.listeners.add(listener);
  return () => {
    poller.listeners.delete(listener);
    if (poller.listeners.size > 0) return;
    poller.stop();
    pollers.delete(releaseId);
  };
}

// `refreshKey` changes with each server render of the caller (router.refresh after every audit
// event, a flip's included): the line is asked for again then, not only on the next tick.
export function useConsumersLine(releaseId: string, refreshKey: string): ConsumersSnapshot {
  const onChange = useCallback((listener: () => void) => subscribe(releaseId, listener), [releaseId]);
  const snapshot = useSyncExternalStore(
    onChange,
    () => pollers.get(releaseId)?.snapshot ?? EMPTY,
    () => EMPTY,
  );
  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current === refreshKey) return;
    seenKey.current = refreshKey;
    pollers.get(releaseId)?.refresh();
  }, [releaseId, refreshKey]);
  return snapshot;
}
