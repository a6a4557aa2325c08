import { describe, expect, it } from "vitest";
import { automaticActions, backfillChanges, flipReaches } from "@/lib/audit/report/flag-effects";
import { entry, systemEntry, T0 } from "@/lib/audit/report/fixtures";
import type { AuditEntry } from "@/lib/audit/report/types";

const watcher = (action: string, at: number, after: Record<string, unknown>): AuditEntry => ({
  ...systemEntry(action, at, after),
  actorLabel: "Switchback flag watcher",
});
const flipOff = (at: number, overrides: Partial<AuditEntry> = {}) =>
  entry("flag.changed", at, { before: { enabled: true }, after: { provider: "BUILTIN", key: "k", enabled: false }, ...overrides });

describe("each flip from the click to its consumers", () => {
  it("pairs a flip with the watcher's word on it, with each consumer's time", () => {
    const flip = flipOff(T0);
    const converged = watcher("flag.converged", T0 + 900, {
      enabled: false,
      flipEventId: flip.id,
      elapsedMs: 420,
      consumers: [
        { consumer: "checkout/web-1", afterMs: 120 },
        { consumer: "checkout/web-2", afterMs: 420 },
      ],
    });
    expect(flipReaches([flip, converged])).toEqual([
      {
        id: flip.id,
        at: T0,
        actor: "Alice",
        what: "turned the flag off",
        outcome: "reached",
        reach: "All 2 consumers read OFF 0.4 s after the flip (checkout/web-1 0.1 s, checkout/web-2 0.4 s).",
      },
    ]);
  });

  it("names the laggards of a flip that did not reach everyone, and says when nobody reads the flag", () => {
    const first = flipOff(T0);
    const second = flipOff(T0 + 120_000, { after: { provider: "BUILTIN", enabled: true } });
    const reason = "60 s after the flip to OFF: checkout/web-2 still on ON (last seen 40 s ago).";
    const events = [
      first,
      watcher("flag.not_converged", T0 + 60_500, {
        enabled: false,
        flipEventId: first.id,
        consumers: [{ consumer: "checkout/web-1", afterMs: 180 }],
        lagging: [{ consumer: "checkout/web-2" }],
        reason,
      }),
      second,
      watcher("flag.not_converged", T0 + 181_000, {
        enabled: true,
        flipEventId: second.id,
        consumers: [],
        lagging: [],
        reason: "No consumer has read this flag in the last 5 minutes.",
      }),
    ];
    expect(flipReaches(events).map((f) => [f.outcome, f.reach])).toEqual([
      ["lagging", `1 of 2 consumers read OFF (checkout/web-1 0.2 s); ${reason}`],
      ["lagging", "No consumer has read this flag in the last 5 minutes."],
    ]);
  });

  it("matches a word without the flip's id by its instant, and says when there is none or Unleash holds the flag", () => {
    const flip = flipOff(T0);
    const word = watcher("flag.converged", T0 + 500, {
      enabled: false,
      flipEventId: null,
      flippedAt: new Date(T0 - 3).toISOString(),
      elapsedMs: 50,
      consumers: [{ consumer: "a", afterMs: 50 }],
    });
    const unleash = flipOff(T0 + 10_000, { after: { provider: "UNLEASH", enabled: false } });
    const pending = flipOff(T0 + 20_000);
    expect(flipReaches([flip, word, unleash, pending]).map((f) => f.reach)).toEqual([
      "The only consumer read OFF 0.1 s after the flip (a 0.1 s).",
      "Applications read this flag from Unleash; Switchback sees only its own OFREP consumers.",
      "No word from the flag watcher on this flip.",
    ]);
  });
});

describe("the backfill switch and automatic actions", () => {
  const sentence = "Replica lag 14 s > 10 s for 3 checks → backfill paused";
  const events = [
    { ...systemEntry("backfill.paused", T0, { paused: true, reason: sentence, auto: { criterionId: "c" } }), actorLabel: "Switchback auto-pause" },
    entry("backfill.resumed", T0 + 60_000, { actorLabel: "Dana", after: { paused: false, reason: "Lag is back under 2 s" } }),
    systemEntry("flag.changed", T0 + 90_000, { enabled: false, reason: "Error rate 4.1 % > 2 % for 3 checks → flag turned off" }),
    systemEntry("release.auto_stopped", T0 + 90_004, { status: "PAUSED", reason: "Error rate 4.1 % > 2 % for 3 checks → flag turned off" }),
    entry("flag.changed", T0 + 200_000, { after: { enabled: true, reason: "Fixed" } }),
  ];

  it("lists every pause and resume with who and why", () => {
    expect(backfillChanges(events).map((r) => [r.actor, r.what, r.why])).toEqual([
      ["Switchback auto-pause", "paused the backfill", sentence],
      ["Dana", "resumed the backfill", "Lag is back under 2 s"],
    ]);
  });

  it("lists Switchback's own actions once each, with their one sentence", () => {
    expect(automaticActions(events).map((r) => [r.actor, r.what, r.why])).toEqual([
      ["Switchback auto-pause", "paused the backfill", sentence],
      ["Switchback auto-stop", "turned the flag off", "Error rate 4.1 % > 2 % for 3 checks → flag turned off"],
    ]);
  });
});
