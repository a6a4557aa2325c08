"use client";

import { Line, LineChart, ReferenceArea, ResponsiveContainer, YAxis } from "recharts";

// A tile's sparkline: the recent values, with the stop zone shaded so the trend reads at a glance.
export function Sparkline({ points, stop, rising, color }: { points: { at: number; value: number }[]; stop: number | null; rising: boolean; color: string }) {
  const values = points.map((p) => p.value);
  const lo = Math.min(...values, stop ?? Infinity);
  const hi = Math.max(...values, stop ?? -Infinity);
  const pad = (hi - lo) * 0.1 || 1;
  const domain: [number, number] = [lo - pad, hi + pad];
  return (
    <div className="h-10 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        {/* Decoration only (the tile states the value): recharts' keyboard layer would put a hidden, focusable chart in the tab order. */}
        <LineChart data={points} margin={{ top: 2, right: 0, bottom: 2, left: 0 }} accessibilityLayer={false}>
          <YAxis hide domain={domain} />
          {stop !== null && (
            <ReferenceArea y1={rising ? stop : domain[0]} y2={rising ? domain[1] : stop} fill="#fecaca" fillOpacity={0.5} ifOverflow="hidden" />
          )}
          <Line type="monotone" dataKey="value" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
