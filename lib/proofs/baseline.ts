import "server-only";
import type { TargetRef } from "@/lib/targets/pool";
import { readStatements } from "@/lib/proofs/statements";

// The snapshot of the target's pg_stat_statements taken when Migrate completes (stored in the
// Migrate stage's statement_baseline): the Contract proof counts the calls made since then. Only
// calls are kept, per userid:dbid:queryid of this database, so its size is bounded by
// pg_stat_statements.max; the texts are read when the proof is computed. Never throws: a target
// that cannot answer gives { available: false, reason, unreachable: true }; without unreachable,
// pg_stat_statements is missing or not readable there.
export type StatementBaseline =
  { available: true; takenAt: string; calls: Record<string, number> } | { available: false; takenAt: string; reason: string; unreachable?: boolean };

export async function takeStatementBaseline(target: TargetRef, now = new Date()): Promise<StatementBaseline> {
  const read = await readStatements(target);
  const takenAt = now.toISOString();
  if (!read.available) return { available: false, takenAt, reason: read.reason, ...(read.unreachable ? { unreachable: true } : {}) };
  return { available: true, takenAt, calls: Object.fromEntries(read.statements.map((s) => [s.key, s.calls])) };
}

/** The stored baseline, or null when there is none or it is not one. */
export function storedBaseline(json: unknown): StatementBaseline | null {
  if (!json || typeof json !== "object") return null;
  const value = json as Partial<StatementBaseline>;
  if (typeof value.takenAt !== "string") return null;
  if (value.available === true && value.calls && typeof value.calls === "object") return value as StatementBaseline;
  if (value.available === false && typeof value.reason === "string") return value as StatementBaseline;
  return null;
}
