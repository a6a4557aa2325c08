import type { Tx } from "@/lib/db";
import { businessCycle } from "@/lib/proofs/cycle";
import { formatMoment } from "@/lib/proofs/format";
import { unreadLines } from "@/lib/proofs/lines";
import { releaseProofs } from "@/lib/proofs/release-proofs";

// Why Contract may not complete yet by its computed proofs ("Old columns unread", "Business cycle
// passed"), read from what the watcher stored; one plain sentence each, empty when both hold. A
// proof counts only where the Contract checklist has its item; "Old columns unread" without
// pg_stat_statements is the person's tick instead, which the stage-complete rule asks for.

// The watcher writes at least once a minute while steady: older than this, it has stopped looking.
const STALE_MS = 5 * 60_000;

export async function contractProofProblems(tx: Tx, releaseId: string, now: Date): Promise<string[]> {
  const proofs = await releaseProofs(tx, releaseId);
  if (!proofs) return [];
  const kinds = new Set(proofs.items.map((item) => item.computedProof));
  const problems: string[] = [];
  if (kinds.has("old_columns_unread") && proofs.computable.has("old_columns_unread") && proofs.state) {
    const state = proofs.state;
    const read = unreadLines(state, now).filter((line) => !line.ok);
    if (state.unreachable) {
      problems.push(`Switchback cannot show the old columns are unread: the target did not answer at ${formatMoment(state.checkedAt)} (${state.reason})`);
    } else if (now.getTime() - Date.parse(state.checkedAt) > STALE_MS) {
      problems.push(`Switchback last checked that the old columns are unread at ${formatMoment(state.checkedAt)}; it has not looked since.`);
    } else if (read.length) {
      problems.push(`The old columns are still read: ${read.map((line) => line.line.replace(/\.$/, "")).join("; ")}.`);
    }
  }
  if (kinds.has("business_cycle")) {
    const cycle = businessCycle(proofs.cycleDays, proofs.migrateCompletedAt, now);
    if (!cycle.passed) {
      problems.push(
        cycle.remainingMs === null
          ? `The ${proofs.cycleDays}-day business cycle has not started: it counts from Migrate's completion.`
          : `The business cycle has not passed: ${cycle.line}`,
      );
    }
  }
  return problems;
}
