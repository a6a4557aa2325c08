import type { Db, Tx } from "@/lib/db";
import { businessCycle } from "@/lib/proofs/cycle";
import { formatMoment } from "@/lib/proofs/format";
import { notReadYetLine, unreadLines } from "@/lib/proofs/lines";
import { releaseProofs, type ReleaseProofs } from "@/lib/proofs/release-proofs";

// Why Contract may not complete yet by its computed proofs ("Old columns unread", "Business cycle
// passed"), read from what the watcher stored; one plain sentence each, empty when both hold. Both
// are judged on every release that watches a target database, whether or not the Contract
// checklist still lists their items: removing an item does not remove the proof. The one exception
// is "Old columns unread" where pg_stat_statements is missing: that is the person's tick instead,
// which the stage-complete rule asks for. A target that does not answer, or a watcher that has not
// looked yet, proves nothing: the proof fails until it has.

// The watcher writes at least once a minute while steady: older than this, it has stopped looking.
const STALE_MS = 5 * 60_000;

function unreadProblem(proofs: ReleaseProofs, now: Date): string | null {
  if (!proofs.computable.has("old_columns_unread")) return null;
  const { state } = proofs;
  const database = proofs.targetName ?? "the target database";
  if (!state) {
    return notReadYetLine(
      database,
      proofs.migrateCompletedAt ? "it has not looked since Migrate completed." : "it counts reads from Migrate's completion, which has not happened.",
    );
  }
  if (!state.available) return notReadYetLine(database, state.reason ?? "the target did not answer.");
  if (state.unreachable) {
    return `Switchback cannot show the old columns are unread: the target did not answer at ${formatMoment(state.checkedAt)} (${state.reason})`;
  }
  if (now.getTime() - Date.parse(state.checkedAt) > STALE_MS) {
    return `Switchback last checked that the old columns are unread at ${formatMoment(state.checkedAt)}; it has not looked since.`;
  }
  const read = unreadLines(state, now).filter((line) => !line.ok);
  return read.length ? `The old columns are still read: ${read.map((line) => line.line.replace(/\.$/, "")).join("; ")}.` : null;
}

// `read`: the proofs as the caller already read them in this transaction (or null: none to judge).
export async function contractProofProblems(tx: Db | Tx, releaseId: string, now: Date, read?: ReleaseProofs | null): Promise<string[]> {
  const proofs = read === undefined ? await releaseProofs(tx, releaseId) : read;
  if (!proofs?.hasTarget) return [];
  const problems: string[] = [];
  const unread = unreadProblem(proofs, now);
  if (unread) problems.push(unread);
  const cycle = businessCycle(proofs.cycleDays, proofs.migrateCompletedAt, now);
  if (!cycle.passed) {
    problems.push(
      cycle.remainingMs === null
        ? `The ${proofs.cycleDays}-day business cycle has not started: it counts from Migrate's completion.`
        : `The business cycle has not passed: ${cycle.line}`,
    );
  }
  return problems;
}
