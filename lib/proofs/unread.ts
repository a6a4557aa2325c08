import "server-only";
import type { StatementBaseline } from "@/lib/proofs/baseline";
import type { DroppedObject } from "@/lib/proofs/drops";
import { cachedReferences, isCached, mentionsTable, rememberReferences, touches, UNPARSED } from "@/lib/proofs/references";
import { QUIET_MS, type ProofObject, type ProofState, type ProofStatement, type SeenStatement } from "@/lib/proofs/state";
import { readStatements, type StatementCalls } from "@/lib/proofs/statements";
import type { TargetRef } from "@/lib/targets/pool";

// "Old columns unread": for every column or table the Contract stage drops, the statements in the
// target's pg_stat_statements that reference it and their calls since the baseline (Migrate's
// completion). Every such statement's raw calls are kept (proof_state.seen), so whether it ran
// again is read from a change of its own count, whatever a reset or an eviction did in between. A
// statement still reads while it ran within QUIET_MS: a job that reads every minute is a reader
// all along, not one that stops and starts between two looks.

const STATEMENTS_KEPT = 20;
const QUERY_CHARS = 500;
const GONE_KEPT = 1_000;
const UNPARSED_NOTE = "Could not be parsed; counted as a read.";
const MISSING_NOTE = "pg_stat_statements has no text for it; counted as a read.";

// Calls since the baseline. Fewer calls than the baseline means the statistics were reset since:
// every call counted now came after it.
export function callsSince(current: number, baseline: number | undefined): number {
  if (baseline === undefined || current < baseline) return current;
  return current - baseline;
}

// Calls since the previous look: after a reset (fewer than before), all of the current ones.
const newCalls = (current: number, previousRaw: number) => (current >= previousRaw ? current - previousRaw : current);

// It ran again: its count moved, either way (a reset followed by calls restarts below the old count).
const ranAgain = (current: number, previousRaw: number) => current > previousRaw || (current < previousRaw && current > 0);

interface Computation {
  drops: DroppedObject[];
  // Fingerprints of the SQL signals Switchback itself runs on this target (references.ts ownFingerprints).
  own?: ReadonlySet<string>;
  baseline: Extract<StatementBaseline, { available: true }>;
  previous: ProofState | null;
  since: string | null;
  now: Date;
}

interface Touching {
  objects: string[];
  query: string;
  note?: string;
}

export function unreadObjects(
  statements: StatementCalls[],
  refsKey: (queryid: string) => string,
  texts: Map<string, string | null>,
  c: Computation,
  ownUser = "",
): { objects: ProofObject[]; seen: Record<string, SeenStatement> } {
  const recent = (at: string | null) => at !== null && c.now.getTime() - Date.parse(at) < QUIET_MS;
  const before = c.previous?.seen ?? {};

  // Which dropped objects a statement touches, or null when it touches none or cannot be known now.
  function touching(s: StatementCalls): Touching | null {
    const cached = cachedReferences(refsKey(s.queryid));
    if (!cached) {
      // Asked for, and pg_stat_statements has no text: nothing says it does not read them.
      return texts.has(s.queryid) && texts.get(s.queryid) === null ? { objects: c.drops.map((d) => d.name), query: "", note: MISSING_NOTE } : null;
    }
    const { refs, text } = cached;
    if (refs === null) return null;
    if (refs === UNPARSED) return { objects: c.drops.filter((d) => mentionsTable(text, d.table)).map((d) => d.name), query: text, note: UNPARSED_NOTE };
    // Switchback's own SQL signals (e.g. a dual-write divergence check that names the old column) are
    // not the app's reads: the same statement run by Switchback's own role. The app's copy of it,
    // under the app's role, still counts, so a shared role can only make the proof stricter.
    if (s.key.startsWith(`${ownUser}:`) && c.own?.has(refs.fingerprint)) return null;
    return { objects: c.drops.filter((d) => touches(refs, d.table, d.column)).map((d) => d.name), query: text };
  }

  const seen: Record<string, SeenStatement> = {};
  const shown = new Map<string, Pick<ProofStatement, "query" | "note">>(c.previous?.objects.flatMap((o) => o.statements.map((s) => [s.key, s])) ?? []);
  for (const s of statements) {
    const since = callsSince(s.calls, c.baseline.calls[s.key]);
    const was = before[s.key];
    if (since === 0 && !was) continue;
    const what = touching(s);
    if (!what || what.objects.length === 0) continue;
    // First seen with calls since the baseline: they may have been made just now.
    const ran = was ? ranAgain(s.calls, was.raw) : since > 0;
    seen[s.key] = {
      raw: s.calls,
      calls: was ? was.calls + newCalls(s.calls, was.raw) : since,
      lastCalledAt: ran ? c.now.toISOString() : (was?.lastCalledAt ?? null),
      objects: what.objects,
    };
    shown.set(s.key, { query: what.query, ...(what.note ? { note: what.note } : {}) });
  }
  // Gone from pg_stat_statements (a reset, an eviction): still a reader until quiet, and its calls
  // still count if it comes back. Bounded, most recently called first, as a target could churn.
  const gone = Object.entries(before)
    .filter(([key]) => !(key in seen))
    .sort(([, a], [, b]) => (b.lastCalledAt ?? "").localeCompare(a.lastCalledAt ?? ""))
    .slice(0, GONE_KEPT);
  for (const [key, was] of gone) seen[key] = { ...was, raw: 0 };

  const objects = c.drops.map((drop) => {
    const previous = c.previous?.objects.find((o) => o.name === drop.name);
    const found: ProofStatement[] = Object.entries(seen)
      .filter(([, s]) => s.objects.includes(drop.name))
      .map(([key, s]) => {
        const { query = "", note } = shown.get(key) ?? {};
        return {
          key,
          query: query.slice(0, QUERY_CHARS),
          calls: s.calls,
          reading: recent(s.lastCalledAt),
          lastCalledAt: s.lastCalledAt,
          ...(note ? { note } : {}),
        };
      })
      .sort((a, b) => Number(b.reading) - Number(a.reading) || b.calls - a.calls);
    const lastReadAt = [previous?.lastReadAt ?? null, ...found.map((s) => s.lastCalledAt ?? null)].reduce<string | null>(
      (latest, at) => (at && (!latest || Date.parse(at) > Date.parse(latest)) ? at : latest),
      null,
    );
    return { name: drop.name, statements: found.slice(0, STATEMENTS_KEPT), stillReading: found.filter((s) => s.reading).length, lastReadAt };
  });
  return { objects, seen };
}

/** One computation of the proof against the target. Never throws. */
export async function computeUnread(target: TargetRef, c: Computation): Promise<ProofState> {
  const refsKey = (queryid: string) => `${target.id}:${queryid}`;
  const seen = c.previous?.seen ?? {};
  const read = await readStatements(target, (s) => (callsSince(s.calls, c.baseline.calls[s.key]) > 0 || s.key in seen) && !isCached(refsKey(s.queryid)));
  const base = { checkedAt: c.now.toISOString(), since: c.since, baselineTakenAt: c.baseline.takenAt };
  if (!read.available) {
    // A target that stopped answering keeps what was proven so far; a missing extension proves nothing.
    if (read.unreachable && c.previous?.available) return { ...c.previous, ...base, reason: read.reason, unreachable: true };
    return { ...base, available: false, reason: read.reason, ...(read.unreachable ? { unreachable: true } : {}), objects: [] };
  }
  for (const [queryid, text] of read.texts) if (text !== null) rememberReferences(refsKey(queryid), text);
  return { ...base, available: true, ...unreadObjects(read.statements, refsKey, read.texts, c, read.ownUser) };
}
