"use client";

import { useRouter } from "next/navigation";
import { Suspense, use, useEffect, useMemo, useRef, useState } from "react";
import { SignalChart } from "@/components/charts/signal-chart";
import { SignalPicker } from "@/components/charts/signal-picker";
import { ActivityFeed } from "@/app/(app)/releases/[id]/cockpit/_components/activity-feed";
import { HealthTiles } from "@/app/(app)/releases/[id]/cockpit/_components/health-tiles";
import { RecommendationBanner } from "@/app/(app)/releases/[id]/cockpit/_components/recommendation-banner";
import { useLiveStream } from "@/components/hooks/use-live-stream";
import { UNIT_SUFFIX } from "@/lib/format/labels";
import { liveMarkers } from "@/lib/live/chart-markers";
import type { LiveAuditEvent, LiveSample } from "@/lib/live/events";
import type { FlagPanelState } from "@/lib/flags/read-state";
import { evaluateAll, type CriterionSpec, type SamplePoint, type Recommendation } from "@/lib/signals/evaluate";
import type { SignalInfo } from "@/lib/signals/health";

const HISTORY_MS = 15 * 60 * 1000;

interface Props {
  releaseId: string;
  cursor: string;
  signals: SignalInfo[];
  specs: CriterionSpec[];
  initialSamples: Record<string, SamplePoint[]>;
  initialEvents: LiveAuditEvent[];
  // The page's one flag read, as the provider answered on the last server render (the state bar and
  // the kill switch show the same read); router.refresh() brings a flip's result.
  flag: Promise<FlagPanelState>;
  // What the recommendation says while the provider answers, e.g. "Checking the flag with Unleash…".
  flagPending: string;
}

function FlagAwareRecommendation({ recommendation, flag }: { recommendation: Recommendation; flag: Promise<FlagPanelState> }) {
  return <RecommendationBanner recommendation={recommendation} flagEnabled={use(flag).enabled} />;
}

function merge(current: Record<string, SamplePoint[]>, incoming: LiveSample[], now: number) {
  if (incoming.length === 0) return current;
  const next: Record<string, SamplePoint[]> = { ...current };
  for (const sample of incoming) {
    const list = (next[sample.signalKey] = [...(next[sample.signalKey] ?? [])]);
    if (!list.some((p) => p.at === sample.at && p.value === sample.value)) list.push({ at: sample.at, value: sample.value });
  }
  for (const key of Object.keys(next)) next[key] = next[key]!.filter((p) => p.at >= now - HISTORY_MS).sort((a, b) => a.at - b.at);
  return next;
}

export function CockpitLive({ releaseId, cursor, signals, specs, initialSamples, initialEvents, flag, flagPending }: Props) {
  const router = useRouter();
  const [samples, setSamples] = useState(initialSamples);
  const [events, setEvents] = useState(initialEvents);
  const [now, setNow] = useState(() => Date.now());
  const [chartKey, setChartKey] = useState(specs[0]?.signalKey ?? signals[0]?.key ?? "");
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  const connected = useLiveStream(releaseId, cursor, (batch) => {
    const at = Date.now();
    setNow(at);
    setSamples((current) => merge(current, batch.samples, at));
    if (batch.events.length) {
      setEvents((current) => [...current, ...batch.events.filter((e) => !current.some((c) => c.id === e.id))]);
      // Stage, checklist, decision and status panels are server-rendered: fetch them again.
      if (refresh.current) clearTimeout(refresh.current);
      refresh.current = setTimeout(() => router.refresh(), 150);
    }
  });

  // Staleness is a matter of time passing, not only of new data.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const { evaluations, recommendation } = useMemo(() => evaluateAll(specs, samples, now), [specs, samples, now]);
  const chartSignal = signals.find((s) => s.key === chartKey);
  const chartSpec = specs.find((s) => s.signalKey === chartKey);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        {/* Never a GO before the flag is known: the banner waits for the read, the signals do not. */}
        <Suspense
          fallback={
            <p aria-busy="true" className="flex-1 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700">
              Recommendation: {flagPending}
            </p>
          }
        >
          <FlagAwareRecommendation recommendation={recommendation} flag={flag} />
        </Suspense>
        <span className="text-xs text-slate-600" aria-live="polite">
          {connected ? "● Live" : "○ Reconnecting…"}
        </span>
      </div>
      <HealthTiles signals={signals} specs={specs} evaluations={evaluations} samplesByKey={samples} />
      {chartSignal && (
        <section aria-labelledby="chart-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="chart-heading" className="text-lg font-semibold">
              {chartSignal.name} over the last 15 minutes
            </h2>
            <SignalPicker signals={signals} value={chartKey} onChange={setChartKey} />
          </div>
          <SignalChart
            points={samples[chartKey] ?? []}
            warn={chartSpec?.warnThreshold ?? null}
            stop={chartSpec?.stopThreshold ?? null}
            unit={UNIT_SUFFIX[chartSignal.unit]}
            markers={liveMarkers(events).filter((m) => m.at >= now - HISTORY_MS)}
            from={now - HISTORY_MS}
            to={now}
          />
        </section>
      )}
      <ActivityFeed events={events} />
    </div>
  );
}
