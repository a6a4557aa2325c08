"use client";

import { useServerClock } from "@/components/hooks/use-server-clock";
import { clockState } from "@/lib/incidents/clock";

// The ten-minute clock of a running incident: big digits, amber past ten minutes.
export function IncidentClock({ startedAt, serverNow }: { startedAt: string; serverNow: string }) {
  const clock = clockState(new Date(startedAt), useServerClock(serverNow));
  return (
    <p className="flex flex-wrap items-baseline gap-x-3">
      {/* Read out as a whole once, not every second. */}
      <span aria-hidden="true" className={`font-mono text-4xl font-bold tabular-nums ${clock.over ? "text-amber-700" : "text-red-700"}`}>
        {clock.elapsed}
      </span>
      <span className="text-sm font-medium text-slate-700" data-testid="incident-clock">
        {clock.summary}
      </span>
    </p>
  );
}
