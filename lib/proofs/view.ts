import { businessCycle, type CycleView } from "@/lib/proofs/cycle";
import { manualUnreadLine, notReadYetLine, unreadLines, unreadNotes, type UnreadLine } from "@/lib/proofs/lines";
import { computableProofs, statementsMissing, storedProofState, type ComputedProof } from "@/lib/proofs/state";

// What the cockpit's proof lines and the plan's checklist show for Contract's computed proofs, from
// what the stage select gives them. Pure and browser-safe.

export interface ProofContext {
  // The Contract stage's proof_state as stored (jsonb).
  state: unknown;
  // The release's target database, null when it names none.
  database: string | null;
  cycleDays: number;
  migrateCompletedAt: Date | string | null;
}

export interface UnreadView {
  computable: boolean;
  // null while there is nothing to judge yet (it does not hold then), or it is the person's tick.
  ok: boolean | null;
  summary: string;
  lines: UnreadLine[];
  notes: string[];
}

export interface ProofView {
  computable: Set<ComputedProof>;
  unread: UnreadView;
  cycle: CycleView & { computable: boolean };
}

function unreadView(context: ProofContext, now: Date): UnreadView {
  const state = storedProofState(context.state);
  const none = { lines: [], notes: [] };
  if (!context.database) {
    return {
      ...none,
      computable: false,
      ok: null,
      summary: "No target database: the proof item is ticked by a person once query logs show the old columns unread.",
    };
  }
  if (statementsMissing(state))
    return { ...none, computable: false, ok: null, summary: manualUnreadLine(state?.reason ?? "pg_stat_statements cannot be read.") };
  // From here on the proof is Switchback's: until it has read the target, it does not hold.
  if (!context.migrateCompletedAt) return { ...none, computable: true, ok: null, summary: `Counts reads in ${context.database} from Migrate's completion.` };
  if (!state)
    return {
      ...none,
      computable: true,
      ok: null,
      summary: `Not computed yet: Switchback reads ${context.database}'s pg_stat_statements while Contract waits.`,
    };
  if (!state.available) return { ...none, computable: true, ok: null, summary: notReadYetLine(context.database, state.reason ?? "the target did not answer.") };
  const lines = unreadLines(state, now);
  const notes = unreadNotes(state);
  if (lines.length === 0) return { computable: true, ok: !state.unreachable, summary: "Contract drops no column or table.", lines, notes };
  const read = lines.filter((line) => !line.ok);
  const summary =
    lines.length === 1
      ? lines[0]!.line
      : read.length
        ? `${read.length} of the ${lines.length} dropped columns and tables are still read.`
        : `No statement has read any of the ${lines.length} dropped columns and tables since reads switched.`;
  return { computable: true, ok: read.length === 0 && !state.unreachable, summary, lines, notes };
}

export function proofView(context: ProofContext, now: Date): ProofView {
  const hasTarget = context.database !== null;
  const computable = computableProofs(hasTarget, storedProofState(context.state));
  const cycle = businessCycle(context.cycleDays, context.migrateCompletedAt, now);
  return { computable, unread: unreadView(context, now), cycle: { ...cycle, computable: computable.has("business_cycle") } };
}

/** The item's computed proof while Switchback computes it (no tick box then), else null. */
export const computedKindOf = (computable: ReadonlySet<ComputedProof>, computedProof: string | null): ComputedProof | null =>
  computedProof && computable.has(computedProof as ComputedProof) ? (computedProof as ComputedProof) : null;
