"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { labelRows, yScale } from "@/lib/live/chart-scale";
import { formatTimeOfDay } from "@/lib/format/time";

export interface ChartMarker {
  at: number;
  label: string;
  kind: "decision" | "flip" | "stage";
}

const MARKER_COLOR: Record<ChartMarker["kind"], string> = { decision: "#7c3aed", flip: "#dc2626", stage: "#0369a1" };
const time = formatTimeOfDay;
const number = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

const Y_AXIS_WIDTH = 56;
const MARGIN = { right: 24, bottom: 8, left: 8 };
// The marker labels are laid out across the plot, which is the container less the margins and axis.
const PLOT_INSET = MARGIN.left + MARGIN.right + Y_AXIS_WIDTH;
const LABEL_ROW_PX = 12;

// The selected signal over time, with its warn and stop lines and a marker for every decision,
// flag flip and stage completion.
export function SignalChart({
  points,
  warn,
  stop,
  unit,
  markers,
  from,
  to,
}: {
  points: { at: number; value: number }[];
  warn: number | null;
  stop: number | null;
  unit: string;
  markers: ChartMarker[];
  from: number;
  to: number;
}) {
  // A typical cockpit width until the container has been measured.
  const [plotWidth, setPlotWidth] = useState(640);
  const rows = labelRows(markers, { from, to, width: plotWidth });
  const rowCount = Math.max(1, ...rows.map((row) => (row ?? 0) + 1));
  const unlabelled = markers.filter((_, i) => rows[i] === null);
  const y = yScale(
    points.map((p) => p.value),
    [warn, stop],
  );
  return (
    <div className="space-y-1">
      <div className="relative h-64 w-full">
        {/* Said in words: an empty plot reads as "all quiet", which missing data never is. */}
        {points.length === 0 && (
          <p className="absolute inset-x-0 top-1/3 z-10 mx-auto w-fit max-w-[80%] rounded-md bg-white/90 px-3 py-2 text-center text-sm text-slate-700 ring-1 ring-slate-300">
            No samples in this window yet. Data comes from pushes with a release token or the next Prometheus poll.
          </p>
        )}
        <ResponsiveContainer width="100%" height="100%" onResize={(width) => setPlotWidth(width - PLOT_INSET)}>
          <LineChart data={points} margin={{ ...MARGIN, top: 4 + LABEL_ROW_PX * rowCount }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="at" type="number" domain={[from, to]} scale="time" tickFormatter={time} fontSize={11} />
            <YAxis fontSize={11} width={Y_AXIS_WIDTH} domain={y.domain} ticks={y.ticks} tickFormatter={(v: number) => `${number(v)}${unit}`} />
            <Tooltip labelFormatter={(v) => `${time(Number(v))} UTC`} formatter={(v) => [`${number(Number(v))}${unit}`, "value"]} />
            {warn !== null && (
              <ReferenceLine
                y={warn}
                stroke="#d97706"
                strokeDasharray="6 3"
                label={{ value: "warn", position: "insideTopRight", fontSize: 11, fill: "#92400e" }}
              />
            )}
            {stop !== null && <ReferenceLine y={stop} stroke="#dc2626" label={{ value: "stop", position: "insideTopRight", fontSize: 11, fill: "#991b1b" }} />}
            {markers.map((m, i) => {
              const row = rows[i];
              const label =
                row === null || row === undefined
                  ? undefined
                  : { value: m.label, position: "top" as const, offset: 5 + row * LABEL_ROW_PX, fontSize: 10, fill: MARKER_COLOR[m.kind] };
              return <ReferenceLine key={`${m.kind}-${m.at}`} x={m.at} stroke={MARKER_COLOR[m.kind]} strokeDasharray="2 2" label={label} />;
            })}
            <Line type="monotone" dataKey="value" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {unlabelled.length > 0 && (
        <p className="text-xs text-slate-600">Too close together to label on the chart: {unlabelled.map((m) => `${time(m.at)} ${m.label}`).join(" · ")}</p>
      )}
    </div>
  );
}
