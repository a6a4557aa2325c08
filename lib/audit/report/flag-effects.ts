import { describeEvent } from "@/lib/audit/describe";
import { formatSpan, onOff } from "@/lib/flags/convergence/words";
import { FLAG_PROVIDER_LABEL, type FlagProviderKind } from "@/lib/flags/providers/catalog";
import { field, text, type AuditEntry } from "@/lib/audit/report/types";

// What the report says about the kill switch taking effect: each flip from the click to every
// consumer having it (the flag watcher's flag.converged / flag.not_converged), the backfill's
// pauses and resumes with who and why, and every automatic action with its one sentence.

export interface FlipReach {
  id: string;
  at: number;
  actor: string;
  what: string;
  reach: string;
  // reached: every consumer had it; lagging: not after 60 s; unknown: no word from the watcher.
  outcome: "reached" | "lagging" | "unknown";
}

export interface SwitchRow {
  id: string;
  at: number;
  actor: string;
  what: string;
  why: string | null;
}

const WATCHER = new Set(["flag.converged", "flag.not_converged"]);
const LISTED = 5;

interface Reached {
  consumer: string;
  afterMs: number;
}

const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);

function perConsumer(consumers: Reached[]): string {
  const shown = consumers.slice(0, LISTED).map((c) => `${c.consumer} ${formatSpan(c.afterMs)}`);
  return `${shown.join(", ")}${consumers.length > LISTED ? ` and ${consumers.length - LISTED} more` : ""}`;
}

function reachOf(flip: AuditEntry, word: AuditEntry | undefined): Pick<FlipReach, "reach" | "outcome"> {
  const provider = text(flip.after, "provider") as FlagProviderKind | null;
  if (provider && provider !== "BUILTIN") {
    return {
      outcome: "unknown",
      reach: `Applications read this flag from ${FLAG_PROVIDER_LABEL[provider] ?? provider}; Switchback sees only its own OFREP consumers.`,
    };
  }
  if (!word) return { outcome: "unknown", reach: "No word from the flag watcher on this flip." };
  const value = onOff(field(word.after, "enabled") === true);
  const reached = list(field(word.after, "consumers")).map((c) => ({ consumer: String(c.consumer), afterMs: Number(c.afterMs) }));
  if (word.action === "flag.converged") {
    const all = reached.length === 1 ? "The only consumer" : `All ${reached.length} consumers`;
    return {
      outcome: "reached",
      reach: `${all} read ${value} ${formatSpan(Number(field(word.after, "elapsedMs")))} after the flip (${perConsumer(reached)}).`,
    };
  }
  const lagging = list(field(word.after, "lagging")).length;
  const reason = text(word.after, "reason") ?? "";
  const count = lagging
    ? `${reached.length} of ${reached.length + lagging} consumers read ${value}${reached.length ? ` (${perConsumer(reached)})` : ""}; `
    : "";
  return { outcome: "lagging", reach: `${count}${reason}` };
}

// The watcher names its flip's audit event; an event written without one is matched by the
// flip's instant and value instead.
function watcherWordFor(flip: AuditEntry, words: AuditEntry[], used: Set<string>): AuditEntry | undefined {
  const byId = words.find((w) => text(w.after, "flipEventId") === flip.id);
  if (byId) return byId;
  return words.find((w) => {
    const flippedAt = Date.parse(text(w.after, "flippedAt") ?? "");
    return (
      !used.has(w.id) && !text(w.after, "flipEventId") && Math.abs(flippedAt - flip.at) < 5000 && field(w.after, "enabled") === field(flip.after, "enabled")
    );
  });
}

export function flipReaches(events: readonly AuditEntry[]): FlipReach[] {
  const words = events.filter((e) => WATCHER.has(e.action));
  const used = new Set<string>();
  return events
    .filter((e) => e.action === "flag.changed")
    .map((flip) => {
      const word = watcherWordFor(flip, words, used);
      if (word) used.add(word.id);
      return { id: flip.id, at: flip.at, actor: flip.actorLabel, what: describeEvent(flip.action, flip.before, flip.after), ...reachOf(flip, word) };
    });
}

// The line without its reason: these tables give the reason a column of its own.
const BACKFILL_WHAT: Record<string, string> = { "backfill.paused": "paused the backfill", "backfill.resumed": "resumed the backfill" };
const row = (e: AuditEntry): SwitchRow => ({
  id: e.id,
  at: e.at,
  actor: e.actorLabel,
  what: BACKFILL_WHAT[e.action] ?? describeEvent(e.action, e.before, e.after),
  why: text(e.after, "reason"),
});

export const backfillChanges = (events: readonly AuditEntry[]): SwitchRow[] => events.filter((e) => Object.hasOwn(BACKFILL_WHAT, e.action)).map(row);

// Switchback's own actors acting on a switch, each with the sentence it wrote for why. An
// auto-stop's pause of the release repeats its flip's sentence, so the flip stands for both.
const ACTS = new Set(["flag.changed", "flag.flip_failed", "backfill.paused", "backfill.resumed"]);
export const automaticActions = (events: readonly AuditEntry[]): SwitchRow[] =>
  events.filter((e) => e.actorType === "SYSTEM" && ACTS.has(e.action) && text(e.after, "reason")).map(row);
