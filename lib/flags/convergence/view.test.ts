import { describe, expect, it } from "vitest";
import type { ConsumerRead } from "@/lib/flags/convergence/judge";
import { consumersLine, type ConsumersInput } from "@/lib/flags/convergence/view";

const FLIP = Date.parse("2026-12-01T10:00:00.000Z");
const off = { enabled: false, version: 7, changedAt: FLIP };
const read = (consumer: string, version: number, versionAt: number, lastSeenAt = versionAt): ConsumerRead => ({
  consumer,
  tokenName: consumer.split("/")[0]!,
  enabled: version >= 7 ? false : true,
  version,
  versionAt,
  lastSeenAt,
});
const line = (input: Partial<ConsumersInput>) => consumersLine({ provider: "BUILTIN", flag: off, flippedAt: FLIP, consumers: [], now: FLIP + 5000, ...input });

describe("the Consumers line", () => {
  it("says everyone has the flip and how long the last one took", () => {
    const consumers = [read("checkout/web-1", 7, FLIP + 120), read("checkout/web-2", 7, FLIP + 400), read("billing", 7, FLIP + 90)];
    expect(line({ consumers })).toEqual({ tone: "green", text: "3, all on OFF (last one 0.4 s after the flip)", gone: null });
  });

  it("leaves out the flip's time when Switchback did not make the change", () => {
    expect(line({ consumers: [read("billing", 7, FLIP - 60_000, FLIP)], flippedAt: null })).toMatchObject({ tone: "green", text: "1, all on OFF" });
  });

  it("names who still has the old value, amber while the flip may still reach them and red after 60 s", () => {
    const consumers = [read("checkout/api-worker-1", 7, FLIP + 100), read("checkout/api-worker-2", 6, FLIP - 90_000, FLIP - 35_000)];
    expect(line({ consumers })).toEqual({
      tone: "amber",
      text: "1 of 2 on OFF; checkout/api-worker-2 still on ON (last seen 40 s ago)",
      gone: null,
    });
    expect(line({ consumers, now: FLIP + 61_000 })).toMatchObject({
      tone: "red",
      text: expect.stringContaining("checkout/api-worker-2 still on ON (last seen 96 s ago)"),
    });
  });

  it("lists consumers quiet for 5 minutes as gone, not as having the flag", () => {
    const consumers = [read("checkout/web-1", 7, FLIP + 300), read("reports/nightly", 6, FLIP - 3_600_000, FLIP - 12 * 60_000)];
    expect(line({ consumers })).toEqual({
      tone: "green",
      text: "1, all on OFF (last one 0.3 s after the flip)",
      gone: "Gone: reports/nightly (last seen 12 min ago)",
    });
    expect(line({ consumers: consumers.slice(1) })).toEqual({
      tone: "none",
      text: "No consumer has read this flag in the last 5 minutes.",
      gone: "Gone: reports/nightly (last seen 12 min ago)",
    });
  });

  it("says nobody reads the flag, and that an Unleash flag's readers are Unleash's to see", () => {
    expect(line({})).toEqual({ tone: "none", text: "No consumer has read this flag in the last 5 minutes.", gone: null });
    expect(line({ provider: "UNLEASH", consumers: [read("checkout/web-1", 7, FLIP)] })).toEqual({
      tone: "none",
      text: "Applications read this flag from Unleash; Switchback sees only consumers of its own OFREP.",
      gone: null,
    });
  });
});
