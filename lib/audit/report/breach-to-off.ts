import { COMPARATOR_SYMBOL, formatValue } from "@/lib/format/labels";
import { formatDuration } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { field, type AuditEntry, type TimePoint } from "@/lib/audit/report/types";
import { breaches, type Comparator, type Unit } from "@/lib/signals/evaluate";

// How fast the kill switch answered: from the first sample after the deploy started that crossed
// a stop threshold, to the first flag-off at or after it. A flag turned off before any breach is
// not an answer to it (it may have been turned on again), so only later ones count.

export interface StopSpec {
  signalKey: string;
  signalName: string;
  unit: Unit;
  comparator: Comparator;
  stopThreshold: number | null;
}

export interface Breach {
  at: number;
  value: number;
  spec: StopSpec & { stopThreshold: number };
}

export interface FlagOff {
  at: number;
  eventId: string;
  actorLabel: string;
  automatic: boolean;
}

export type BreachToOff =
  | { kind: "not started" }
  | { kind: "no breach"; firstOff: FlagOff | null }
  | { kind: "never off"; breach: Breach }
  | { kind: "stopped"; breach: Breach; off: FlagOff; ms: number };

// A person's flip, or auto-stop's own record when it really changed the flag (a failed attempt
// left it on).
function flagOff(event: AuditEntry): FlagOff | null {
  const off =
    (event.action === "flag.changed" && field(event.after, "enabled") === false) ||
    (event.action === "release.auto_stopped" && field(event.after, "flagChanged") === true);
  return off ? { at: event.at, eventId: event.id, actorLabel: event.actorLabel, automatic: event.actorType === "SYSTEM" } : null;
}

export function firstBreach(specs: readonly StopSpec[], samplesByKey: Readonly<Record<string, readonly TimePoint[]>>, from: number, to: number): Breach | null {
  let first: Breach | null = null;
  for (const spec of specs) {
    const threshold = spec.stopThreshold;
    if (threshold === null) continue;
    for (const sample of samplesByKey[spec.signalKey] ?? []) {
      if (sample.at < from || sample.at > to || !Number.isFinite(sample.value) || !breaches(spec.comparator, sample.value, threshold)) continue;
      if (!first || sample.at < first.at) first = { at: sample.at, value: sample.value, spec: { ...spec, stopThreshold: threshold } };
    }
  }
  return first;
}

export function breachToOff(
  specs: readonly StopSpec[],
  samplesByKey: Readonly<Record<string, readonly TimePoint[]>>,
  events: readonly AuditEntry[],
  window: { from: number; to: number } | null,
): BreachToOff {
  if (!window) return { kind: "not started" };
  const offs = events
    .map(flagOff)
    .filter((off): off is FlagOff => off !== null)
    .sort((a, b) => a.at - b.at);
  const breach = firstBreach(specs, samplesByKey, window.from, window.to);
  if (!breach) return { kind: "no breach", firstOff: offs.find((off) => off.at >= window.from) ?? null };
  const off = offs.find((o) => o.at >= breach.at);
  return off ? { kind: "stopped", breach, off, ms: off.at - breach.at } : { kind: "never off", breach };
}

export function describeBreach(breach: Breach): string {
  const { spec } = breach;
  return `${spec.signalName} read ${formatValue(breach.value, spec.unit)} (stop when ${COMPARATOR_SYMBOL[spec.comparator]} ${formatValue(spec.stopThreshold, spec.unit)}) at ${formatInstant(breach.at)}`;
}

export function describeBreachToOff(result: BreachToOff): string {
  switch (result.kind) {
    case "not started":
      return "The deploy has not started.";
    case "no breach":
      return result.firstOff
        ? `No stop breach; the flag was turned off anyway at ${formatInstant(result.firstOff.at)} by ${result.firstOff.actorLabel}.`
        : "No stop breach.";
    case "never off":
      return `First stop breach: ${describeBreach(result.breach)}. The flag never went off.`;
    case "stopped":
      return `First stop breach: ${describeBreach(result.breach)}. The flag went off ${formatDuration(result.ms)} later, at ${formatInstant(result.off.at)}, by ${result.off.actorLabel}${result.off.automatic ? " (automatic)" : ""}.`;
  }
}
