import { formatDuration, formatMoment } from "@/lib/proofs/format";
import { stillReadingCount, type ProofObject, type ProofState, type ProofStatement } from "@/lib/proofs/state";

// "Old columns unread" in words, from the stored proof_state. Pure and browser-safe: the cockpit's
// proof lines, the plan's checklist and the Contract gate say the same thing.

const LATE_BASELINE_MS = 60_000;

export interface UnreadLine {
  name: string;
  ok: boolean;
  line: string;
  statements: Pick<ProofStatement, "key" | "query" | "calls" | "reading" | "lastCalledAt" | "note">[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function objectLine(object: ProofObject, state: ProofState, now: Date): UnreadLine {
  const reading = stillReadingCount(object);
  if (reading > 0) {
    return {
      name: object.name,
      ok: false,
      line: `${plural(reading, "statement still reads", "statements still read")} ${object.name}.`,
      statements: object.statements,
    };
  }
  const from = Math.max(...[state.since, state.baselineTakenAt, object.lastReadAt].filter((t): t is string => !!t).map((t) => Date.parse(t)), 0);
  const duration = formatDuration(now.getTime() - from);
  const after = object.lastReadAt ? `last read at ${formatMoment(object.lastReadAt)}` : "since reads switched";
  return { name: object.name, ok: true, line: `No statement has read ${object.name} for ${duration} (${after}).`, statements: object.statements };
}

export function unreadLines(state: ProofState, now: Date): UnreadLine[] {
  return state.objects.map((object) => objectLine(object, state, now));
}

/** Said above the lines when the calls are not counted from Migrate's completion, or are old. */
export function unreadNotes(state: ProofState): string[] {
  const notes: string[] = [];
  if (state.unreachable && state.reason)
    notes.push(`The target did not answer at ${formatMoment(state.checkedAt)}: ${state.reason} These are the last results it gave.`);
  if (state.since && state.baselineTakenAt && Date.parse(state.baselineTakenAt) - Date.parse(state.since) > LATE_BASELINE_MS) {
    notes.push(
      `Calls are counted from ${formatMoment(state.baselineTakenAt)}, not from Migrate's completion: no pg_stat_statements snapshot was taken when Migrate completed, so reads before then are not seen.`,
    );
  }
  return notes;
}

/** While the target has not answered, or the watcher has not looked yet: the proof is Switchback's and does not hold. */
export const notReadYetLine = (database: string, why: string) => `Switchback has not been able to read ${database}'s pg_stat_statements yet: ${why}`;

export const manualUnreadLine = (reason: string) => `Switchback cannot compute this: ${reason} The proof item is ticked by a person instead.`;
