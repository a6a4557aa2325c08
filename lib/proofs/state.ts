// The Contract stage's proof_state: the latest computation of "Old columns unread", written by the
// target watcher. Browser-safe: the cockpit and the plan read it to draw the proof lines.

export type ComputedProof = "old_columns_unread" | "business_cycle";

export const COMPUTED_PROOF_LABEL: Record<ComputedProof, string> = { old_columns_unread: "Old columns unread", business_cycle: "Business cycle passed" };

// A statement "still reads" until it has not run for this long: a job that reads every few minutes
// is a reader all along, not one that stops and starts between two looks.
export const QUIET_MS = 15 * 60_000;

export interface ProofStatement {
  key: string;
  query: string;
  // Calls since the baseline (Migrate's completion), added up across resets of the statistics.
  calls: number;
  // It ran within QUIET_MS of the computation: it still runs.
  reading: boolean;
  // The computation at which its calls last changed.
  lastCalledAt?: string | null;
  // Why it counts although its text says nothing certain (missing, or not parsed).
  note?: string;
}

export interface ProofObject {
  // "users.full_name", or "orders" for a dropped table.
  name: string;
  // The statements shown (the most relevant few).
  statements: ProofStatement[];
  // How many statements still read it, shown or not.
  stillReading?: number;
  // The latest lastCalledAt of the statements touching it.
  lastReadAt: string | null;
}

// Every statement seen touching a dropped object, by userid:dbid:queryid: its raw calls at the
// latest computation decide whether it ran again, whatever a reset or an eviction did meanwhile.
export interface SeenStatement {
  raw: number;
  calls: number;
  lastCalledAt: string | null;
  objects: string[];
}

export interface ProofState {
  // pg_stat_statements could be read (or was, before the target stopped answering).
  available: boolean;
  reason?: string;
  // The target did not answer at the latest attempt: objects are from the last computation that worked, if any.
  unreachable?: boolean;
  checkedAt: string;
  // Migrate's completion, from which reads are counted.
  since: string | null;
  // When the calls were snapshotted, if later than Migrate's completion (a late baseline).
  baselineTakenAt?: string;
  objects: ProofObject[];
  seen?: Record<string, SeenStatement>;
}

export function storedProofState(json: unknown): ProofState | null {
  if (!json || typeof json !== "object") return null;
  const value = json as Partial<ProofState>;
  return typeof value.available === "boolean" && typeof value.checkedAt === "string" && Array.isArray(value.objects) ? (value as ProofState) : null;
}

export const stillReadingCount = (object: ProofObject) => object.stillReading ?? object.statements.filter((s) => s.reading).length;

/**
 * pg_stat_statements is missing, not loaded or not readable on the target: "Old columns unread" is
 * the person's tick. A target that does not answer, or no computation yet, is not that: the proof
 * stays Switchback's, and failing.
 */
export const statementsMissing = (state: ProofState | null) => state?.available === false && state.unreachable !== true;

/** "Old columns unread" is computed, rather than ticked, on a target unless pg_stat_statements is missing there. */
export const unreadComputable = (hasTarget: boolean, state: ProofState | null) => hasTarget && !statementsMissing(state);

/**
 * Which computed proofs are Switchback's to judge for this release; the others are ticked by a
 * person. Only a release that watches a target database has its Contract gated by computed proofs
 * (lib/proofs/gate.ts), so without one both are ticked, as before.
 */
export function computableProofs(hasTarget: boolean, state: ProofState | null): Set<ComputedProof> {
  const proofs = new Set<ComputedProof>();
  if (hasTarget) proofs.add("business_cycle");
  if (unreadComputable(hasTarget, state)) proofs.add("old_columns_unread");
  return proofs;
}
