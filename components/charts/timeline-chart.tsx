"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { MARKER_COLOR, MARKER_DASH, MarkerLegend } from "@/components/audit/release/marker-shape";
import { MarkerStrip } from "@/components/audit/release/marker-strip";
import { SignalPicker } from "@/components/charts/signal-picker";
import type { TimelineMarker } from "@/lib/audit/report/markers";
import type { TimePoint } from "@/lib/audit/report/types";
import { yScale } from "@/lib/live/chart-scale";

export interface ChartSignal {
  key: string;
  name: string;
  unit: string;
  warn: number | null;
  stop: number | null;
  points: TimePoint[];
}

// The plot area starts after the left margin and the y axis and stops before the right margin:
// the marker strip below uses the same insets so its markers line up with the chart's time axis.
const MARGIN = { top: 16, right: 24, bottom: 8, left: 8 };
const Y_AXIS_WIDTH = 64;
const INSET = { left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right };
const DAY = 24 * 60 * 60 * 1000;

const number = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

const yAxisScale = (signal: ChartSignal) =>
  yScale(
    signal.points.map((p) => p.value),
    [signal.warn, signal.stop],
  );

export function TimelineChart({
  signals,
  initialKey,
  markers,
  from,
  to,
}: {
  signals: ChartSignal[];
  initialKey: string;
  markers: TimelineMarker[];
  from: number;
  to: number;
}) {
  const [key, setKey] = useState(initialKey);
  const signal = signals.find((s) => s.key === key) ?? signals[0];
  const tick = (ms: number) =>
    new Date(ms)
      .toISOString()
      .slice(to - from > DAY ? 5 : 11, to - from > DAY ? 16 : 19)
      .replace("T", " ");
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          {!signal
            ? "This release has no signals; the audit events are shown on their own."
            : signal.points.length
              ? `${signal.name} over the deploy (UTC), with the audit events below it on the same time axis.`
              : `No ${signal.name} samples were recorded during the deploy.`}
        </p>
        {signals.length > 0 && <SignalPicker signals={signals} value={signal?.key} onChange={setKey} />}
      </div>
      {signal && (
        <div className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={signal.points} margin={MARGIN}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="at" type="number" domain={[from, to]} scale="time" tickFormatter={tick} fontSize={11} allowDataOverflow />
              <YAxis fontSize={11} width={Y_AXIS_WIDTH} {...yAxisScale(signal)} tickFormatter={(v: number) => `${number(v)}${signal.unit}`} />
              <Tooltip labelFormatter={(v) => `${tick(Number(v))} UTC`} formatter={(v) => [`${number(Number(v))}${signal.unit}`, signal.name]} />
              {markers.map((m) => (
                <ReferenceLine key={m.at} x={m.at} stroke={MARKER_COLOR[m.kind]} strokeDasharray={MARKER_DASH[m.kind]} />
              ))}
              {signal.warn !== null && (
                <ReferenceLine
                  y={signal.warn}
                  stroke="#d97706"
                  strokeDasharray="6 3"
                  label={{ value: "warn", position: "insideTopRight", fontSize: 11, fill: "#92400e" }}
                />
              )}
              {signal.stop !== null && (
                <ReferenceLine y={signal.stop} stroke="#dc2626" label={{ value: "stop", position: "insideTopRight", fontSize: 11, fill: "#991b1b" }} />
              )}
              <Line type="linear" dataKey="value" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <MarkerStrip markers={markers} from={from} to={to} inset={INSET} />
      <MarkerLegend />
    </div>
  );
}
