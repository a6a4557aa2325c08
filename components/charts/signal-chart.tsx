"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartMarker {
  at: number;
  label: string;
  kind: "decision" | "flip" | "stage";
}

const MARKER_COLOR: Record<ChartMarker["kind"], string> = { decision: "#7c3aed", flip: "#dc2626", stage: "#0369a1" };
const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

// The selected signal over time, with its warn and stop lines and a marker for every decision,
// flag flip and stage completion.
export function SignalChart({ points, warn, stop, unit, markers, from, to }: { points: { at: number; value: number }[]; warn: number | null; stop: number | null; unit: string; markers: ChartMarker[]; from: number; to: number }) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="at" type="number" domain={[from, to]} scale="time" tickFormatter={time} fontSize={11} />
          <YAxis fontSize={11} width={56} tickFormatter={(v: number) => `${v}${unit}`} />
          <Tooltip labelFormatter={(v) => `${time(Number(v))} UTC`} formatter={(v) => [`${Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 })}${unit}`, "value"]} />
          {warn !== null && <ReferenceLine y={warn} stroke="#d97706" strokeDasharray="6 3" label={{ value: "warn", position: "insideTopRight", fontSize: 11, fill: "#92400e" }} />}
          {stop !== null && <ReferenceLine y={stop} stroke="#dc2626" label={{ value: "stop", position: "insideTopRight", fontSize: 11, fill: "#991b1b" }} />}
          {markers.map((m) => (
            <ReferenceLine key={`${m.kind}-${m.at}`} x={m.at} stroke={MARKER_COLOR[m.kind]} strokeDasharray="2 2" label={{ value: m.label, position: "top", fontSize: 10, fill: MARKER_COLOR[m.kind] }} />
          ))}
          <Line type="monotone" dataKey="value" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
