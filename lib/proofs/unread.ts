import "server-only";
import type { StatementBaseline } from "@/lib/proofs/baseline";
import type { DroppedObject } from "@/lib/proofs/drops";
import { cachedReferences, isCached, rememberReferences, touches, type References } from "@/lib/proofs/references";
import type { ProofObject, ProofState, ProofStatement } from "@/lib/proofs/state";
import { readStatements, type StatementCalls } from "@/lib/proofs/statements";
import type { TargetRef } from "@/lib/targets/pool";

// "Old columns unread": for every column or table the Contract stage drops, the statements in the
// target's pg_stat_statements that reference it and their calls since the baseline (Migrate's
// completion). A statement still reads when its calls grew since the previous computation; the
// object's lastReadAt is the last computation at which one did.

const STATEMENTS_KEPT = 20;
const QUERY_CHARS = 500;

// Calls since the baseline. Fewer calls than the baseline means the statistics were reset since:
// every call counted now came after it.
export function callsSince(current: number, baseline: number | undefined): number {
  if (baseline === undefined || current < baseline) return current;
  return current - baseline;
}

interface Computation {
  drops: DroppedObject[];
  // Fingerprints of the SQL signals Switchback itself runs on this target (references.ts ownFingerprints).
  own?: ReadonlySet<string>;
  baseline: Extract<StatementBaseline, { available: true }>;
  previous: ProofState | null;
  since: string | null;
  now: Date;
}

export function unreadObjects(
  statements: StatementCalls[],
  refsKey: (queryid: string) => string,
  texts: Map<string, string>,
  c: Computation,
  ownUser = "",
): ProofObject[] {
  // Switchback's own SQL signals (e.g. a dual-write divergence check that names the old column) are
  // not the app's reads: the same statement run by Switchback's own role. The app's copy of it,
  // under the app's role, still counts, so a shared role can only make the proof stricter.
  const ownRun = (s: StatementCalls, refs: References) => s.key.startsWith(`${ownUser}:`) && !!c.own?.has(refs.fingerprint);
  const moved = statements.flatMap((s) => {
    const calls = callsSince(s.calls, c.baseline.calls[s.key]);
    const refs = cachedReferences(refsKey(s.queryid));
    return calls > 0 && refs && !ownRun(s, refs) ? [{ ...s, calls, refs }] : [];
  });
  return c.drops.map((drop) => {
    const before = c.previous?.objects.find((o) => o.name === drop.name);
    const previousCalls = new Map(before?.statements.map((s) => [s.key, s.calls]));
    const found: ProofStatement[] = moved
      .filter((s) => touches(s.refs, drop.table, drop.column))
      .map((s) => ({
        key: s.key,
        query: (texts.get(s.queryid) ?? before?.statements.find((p) => p.key === s.key)?.query ?? "").slice(0, QUERY_CHARS),
        calls: s.calls,
        reading: s.calls > (previousCalls.get(s.key) ?? 0),
      }))
      .sort((a, b) => Number(b.reading) - Number(a.reading) || b.calls - a.calls)
      .slice(0, STATEMENTS_KEPT);
    const read = found.some((s) => s.reading);
    return { name: drop.name, statements: found, lastReadAt: read ? c.now.toISOString() : (before?.lastReadAt ?? null) };
  });
}

/** One computation of the proof against the target. Never throws. */
export async function computeUnread(target: TargetRef, c: Computation): Promise<ProofState> {
  const refsKey = (queryid: string) => `${target.id}:${queryid}`;
  const read = await readStatements(target, (s) => callsSince(s.calls, c.baseline.calls[s.key]) > 0 && !isCached(refsKey(s.queryid)));
  const base = { checkedAt: c.now.toISOString(), since: c.since, baselineTakenAt: c.baseline.takenAt };
  if (!read.available) {
    // A target that stopped answering keeps what was proven so far; a missing extension proves nothing.
    if (read.unreachable && c.previous?.available) return { ...c.previous, ...base, reason: read.reason, unreachable: true };
    return { ...base, available: false, reason: read.reason, objects: [] };
  }
  for (const [queryid, text] of read.texts) rememberReferences(refsKey(queryid), text);
  return { ...base, available: true, objects: unreadObjects(read.statements, refsKey, read.texts, c, read.ownUser) };
}
