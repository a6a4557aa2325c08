// The geometry of the signal charts, kept pure so it is tested without drawing anything.

// The y axis covers the samples AND the warn and stop lines, with a tenth of headroom: a healthy
// signal far below its thresholds still shows how far away they are, instead of lines off the chart.
// With nothing negative the axis starts at zero, so a small wiggle does not look like a cliff, and
// the ticks fall on a step a person reads at a glance (0, 0.5 … 2.5 %, not 0.02, 0.57 … 2.18 %).
export function yScale(values: readonly number[], thresholds: readonly (number | null)[]): { domain: [number, number]; ticks: number[] } {
  const all = [...values, ...thresholds.filter((v): v is number => v !== null)];
  if (all.length === 0) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
  const bottom = low >= 0 ? 0 : low - pad;
  const step = niceStep((high + pad - bottom) / 5);
  const first = Math.floor(bottom / step);
  const last = Math.ceil((high + pad) / step);
  // toPrecision drops the float noise of 3 × 0.1 = 0.30000000000000004.
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw - power * 1e-9) ?? 10;
  return step * power;
}

export const LABEL_ROWS = 3;
// An estimate for 10 px sans-serif text: the labels are short words ("flag off", "expand done"), and
// a label thought a little wider than it is only moves up a row sooner.
const CHAR_PX = 6;
const GAP_PX = 8;

// Marker labels sit above the plot, centred on their line. Two markers close in time would print
// over each other, so each label takes the lowest row where it fits; one that fits in none of the
// rows gets null and no text on the chart (the caller names it beside the chart instead).
export function labelRows(markers: readonly { at: number; label: string }[], axis: { from: number; to: number; width: number }): (number | null)[] {
  const span = axis.to - axis.from || 1;
  const rowEnds: number[] = Array.from({ length: LABEL_ROWS }, () => -Infinity);
  const rows: (number | null)[] = markers.map(() => null);
  const byTime = markers.map((marker, index) => ({ marker, index })).sort((a, b) => a.marker.at - b.marker.at);
  for (const { marker, index } of byTime) {
    const x = ((marker.at - axis.from) / span) * axis.width;
    const half = (marker.label.length * CHAR_PX) / 2;
    const row = rowEnds.findIndex((end) => end + GAP_PX <= x - half);
    if (row === -1) continue;
    rows[index] = row;
    rowEnds[row] = x + half;
  }
  return rows;
}
