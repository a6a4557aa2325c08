// The Contract stage's proof_state: the latest computation of "Old columns unread", written by the
// target watcher. Browser-safe: the cockpit and the plan read it to draw the proof lines.

export type ComputedProof = "old_columns_unread" | "business_cycle";

export const COMPUTED_PROOF_LABEL: Record<ComputedProof, string> = { old_columns_unread: "Old columns unread", business_cycle: "Business cycle passed" };

export interface ProofStatement {
  key: string;
  query: string;
  // Calls since the baseline (Migrate's completion).
  calls: number;
  // Its calls grew at the latest computation: it still runs.
  reading: boolean;
}

export interface ProofObject {
  // "users.full_name", or "orders" for a dropped table.
  name: string;
  statements: ProofStatement[];
  // The last computation at which a statement touching it had run again.
  lastReadAt: string | null;
}

export interface ProofState {
  // pg_stat_statements could be read (or was, before the target stopped answering).
  available: boolean;
  reason?: string;
  // The target did not answer at the latest attempt: objects are from the last computation that worked.
  unreachable?: boolean;
  checkedAt: string;
  // Migrate's completion, from which reads are counted.
  since: string | null;
  // When the calls were snapshotted, if later than Migrate's completion (a late baseline).
  baselineTakenAt?: string;
  objects: ProofObject[];
}

export function storedProofState(json: unknown): ProofState | null {
  if (!json || typeof json !== "object") return null;
  const value = json as Partial<ProofState>;
  return typeof value.available === "boolean" && typeof value.checkedAt === "string" && Array.isArray(value.objects) ? (value as ProofState) : null;
}

/** "Old columns unread" is computed, rather than ticked, once pg_stat_statements has been read. */
export const unreadComputable = (hasTarget: boolean, state: ProofState | null) => hasTarget && state?.available === true;

/**
 * Which computed proofs are Switchback's to judge for this release; the others are ticked by a
 * person. Only a release that watches a target database has its Contract gated by computed proofs
 * (lib/verify/complete.ts), so without one both are ticked, as before.
 */
export function computableProofs(hasTarget: boolean, state: ProofState | null): Set<ComputedProof> {
  const proofs = new Set<ComputedProof>();
  if (hasTarget) proofs.add("business_cycle");
  if (unreadComputable(hasTarget, state)) proofs.add("old_columns_unread");
  return proofs;
}
