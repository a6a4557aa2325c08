import { describe, expect, it } from "vitest";
import { downsample } from "@/lib/audit/report/downsample";

const flat = (n: number, value = 1) => Array.from({ length: n }, (_, i) => ({ at: i * 1000, value }));

describe("downsample", () => {
  it("leaves a short series as it is", () => {
    const points = flat(10);
    expect(downsample(points, 600)).toEqual(points);
  });

  it("caps a long series and keeps time order", () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ at: i * 1000, value: Math.sin(i / 50) }));
    const kept = downsample(points, 600);
    expect(kept.length).toBeLessThanOrEqual(600);
    expect(kept.every((p, i) => i === 0 || p.at > kept[i - 1]!.at)).toBe(true);
  });

  it("keeps a one-sample spike and a one-sample dip", () => {
    const points = flat(5000);
    points[1234] = { at: 1_234_000, value: 50 };
    points[4321] = { at: 4_321_000, value: -7 };
    const kept = downsample(points, 100);
    expect(kept).toContainEqual({ at: 1_234_000, value: 50 });
    expect(kept).toContainEqual({ at: 4_321_000, value: -7 });
  });

  it("keeps one point per bucket when the bucket is flat, and copes with tiny budgets", () => {
    expect(downsample(flat(1000), 10)).toHaveLength(5);
    expect(downsample(flat(1000), 1)).toEqual([{ at: 0, value: 1 }]);
    expect(downsample(flat(1000), 0)).toEqual([]);
  });
});
