import type { TimePoint } from "@/lib/audit/report/types";

// Fewer points for the chart without hiding what matters in an audit: every bucket keeps its
// lowest and its highest sample (a one-sample spike over a stop line survives), in time order.

export const CHART_POINTS = 600;

export function downsample(points: readonly TimePoint[], max: number = CHART_POINTS): TimePoint[] {
  if (points.length <= max) return [...points];
  if (max < 2) return points.slice(0, Math.max(0, max));
  const buckets = Math.floor(max / 2);
  const size = points.length / buckets;
  const kept: TimePoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.floor((b + 1) * size);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i]!.value < points[low]!.value) low = i;
      if (points[i]!.value > points[high]!.value) high = i;
    }
    for (const i of low === high ? [low] : low < high ? [low, high] : [high, low]) kept.push(points[i]!);
  }
  return kept;
}
