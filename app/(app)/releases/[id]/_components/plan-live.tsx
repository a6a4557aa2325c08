"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useLiveStream } from "@/components/hooks/use-live-stream";

// The plan follows the release's audit events like the cockpit does: another editor's save shows
// here within a second. Sections someone has open keep what they typed (client state survives a
// refresh); saving them later meets the usual version check.
export function PlanLive({ releaseId, cursor }: { releaseId: string; cursor: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const connected = useLiveStream(releaseId, cursor, (batch) => {
    if (!batch.events.length) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 150);
  });
  return (
    <span className="text-xs text-slate-600" aria-live="polite">
      {connected ? "● Live" : "○ Reconnecting…"}
    </span>
  );
}
