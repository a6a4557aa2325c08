import type { ConsumerRead } from "@/lib/flags/convergence/judge";
import { ACTIVE_WINDOW_MS, formatSpan, laggardsPhrase, NO_CONSUMERS, onOff, SETTLE_AFTER_MS, elsewhereConsumers } from "@/lib/flags/convergence/words";
import { FLAG_PROVIDER_LABEL, type FlagProviderKind } from "@/lib/flags/providers/catalog";

// The cockpit's Consumers line: who reads the kill switch over OFREP and whether they have its
// current value, in one sentence after the word "Consumers:" ("3, all on OFF (last one 0.4 s
// after the flip)"). Browser-safe; the route computes it, the panel shows it.

// green: every consumer has the flag's current version; amber: a change is still reaching them;
// red: one has not 60 s after the change; none: nothing to judge.
export type ConsumersTone = "green" | "amber" | "red" | "none";

export interface ConsumersLine {
  tone: ConsumersTone;
  text: string;
  // Consumers quiet for more than 5 minutes: listed apart, never counted as having the flag.
  gone: string | null;
}

export interface ConsumersInput {
  provider: FlagProviderKind;
  // The built-in flag as stored now; null when there is none.
  flag: { enabled: boolean; version: number; changedAt: number } | null;
  // The flip that made the current version, when Switchback made it (the convergence row).
  flippedAt: number | null;
  consumers: readonly ConsumerRead[];
  now: number;
}

export function consumersLine({ provider, flag, flippedAt, consumers, now }: ConsumersInput): ConsumersLine {
  if (provider !== "BUILTIN") return { tone: "none", text: elsewhereConsumers(FLAG_PROVIDER_LABEL[provider]), gone: null };
  const active = consumers.filter((c) => c.lastSeenAt >= now - ACTIVE_WINDOW_MS);
  const gone = consumers.filter((c) => c.lastSeenAt < now - ACTIVE_WINDOW_MS).sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  const goneText = gone.length ? goneList(gone, now) : null;
  if (!flag || active.length === 0) return { tone: "none", text: NO_CONSUMERS, gone: goneText };

  const value = onOff(flag.enabled);
  const current = active.filter((c) => c.version >= flag.version);
  const lagging = active.filter((c) => c.version < flag.version).sort((a, b) => a.lastSeenAt - b.lastSeenAt);
  if (lagging.length === 0) {
    const last = Math.max(...current.map((c) => c.versionAt));
    const reach = flippedAt !== null ? ` (last one ${formatSpan(last - flippedAt)} after the flip)` : "";
    return { tone: "green", text: `${active.length}, all on ${value}${reach}`, gone: goneText };
  }
  const since = flippedAt ?? flag.changedAt;
  return {
    tone: now - since < SETTLE_AFTER_MS ? "amber" : "red",
    text: `${current.length} of ${active.length} on ${value}; ${laggardsPhrase(lagging, now)}`,
    gone: goneText,
  };
}

const LISTED = 3;

function goneList(gone: readonly ConsumerRead[], now: number): string {
  const listed = gone.slice(0, LISTED).map((c) => `${c.consumer} (last seen ${formatSpan(now - c.lastSeenAt)} ago)`);
  const more = gone.length - listed.length;
  return `Gone: ${listed.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
