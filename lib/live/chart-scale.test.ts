import { describe, expect, it } from "vitest";
import { LABEL_ROWS, labelRows, yScale } from "@/lib/live/chart-scale";

const yDomain = (values: number[], thresholds: (number | null)[]) => yScale(values, thresholds).domain;

describe("yScale", () => {
  it("reaches the warn and stop lines, with headroom, while the signal is healthy", () => {
    expect(yDomain([0.1, 0.2, 0.15], [1, 2])).toEqual([0, 2.5]);
    expect(yDomain([180, 220], [500, 1000])).toEqual([0, 1250]);
    expect(yDomain([0.21, 0.25], [null, null])).toEqual([0, 0.3]);
  });

  it("puts its ticks on round steps from end to end", () => {
    expect(yScale([0.2, 0.3, 0.25], [1, 2]).ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(yScale([0.21, 0.25], [null, null]).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("reaches the samples when they pass the thresholds, and goes below zero only for negative values", () => {
    expect(yDomain([5, 9], [1, 2])[1]).toBeGreaterThan(9);
    expect(yDomain([-3, 4], [1, null])[0]).toBeLessThan(-3);
  });

  it("gives a usable range with one value or none", () => {
    expect(yDomain([], [null, null])).toEqual([0, 1]);
    const [low, high] = yDomain([], [2, null]);
    expect(low).toBeLessThan(2);
    expect(high).toBeGreaterThan(2);
  });
});

describe("labelRows", () => {
  const axis = { from: 0, to: 900_000, width: 900 };
  // Each label's extent as drawn: centred on its marker, about 6 px a character.
  const extent = (m: { at: number; label: string }) => [m.at / 1000 - m.label.length * 3, m.at / 1000 + m.label.length * 3] as const;

  it("keeps labels far apart on the first row", () => {
    expect(
      labelRows(
        [
          { at: 100_000, label: "GO" },
          { at: 500_000, label: "flag off" },
        ],
        axis,
      ),
    ).toEqual([0, 0]);
  });

  it("never lets two labels in one row overlap, and drops a label only when every row is taken", () => {
    // An auto-stop flip and a decision seconds apart, then a busy minute.
    const markers = [10_000, 12_000, 14_000, 16_000, 400_000, 401_000].map((at, i) => ({ at, label: i % 2 ? "flag off" : "expand done" }));
    const rows = labelRows(markers, axis);
    expect(rows.slice(0, 4)).toEqual([0, 1, 2, null]);
    expect(rows.slice(4)).toEqual([0, 1]);
    for (let row = 0; row < LABEL_ROWS; row++) {
      const inRow = markers.filter((_, i) => rows[i] === row).map(extent);
      for (let i = 1; i < inRow.length; i++) expect(inRow[i]![0]).toBeGreaterThan(inRow[i - 1]![1]);
    }
  });

  it("answers in the markers' own order, whatever order their times come in", () => {
    expect(
      labelRows(
        [
          { at: 11_000, label: "GO" },
          { at: 10_000, label: "GO" },
        ],
        axis,
      ),
    ).toEqual([1, 0]);
  });
});
