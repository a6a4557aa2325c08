import type { Prisma } from "@/lib/generated/prisma/client";
import { storedBaseline, takeStatementBaseline } from "@/lib/proofs/baseline";
import { droppedObjects } from "@/lib/proofs/drops";
import { stillReadingCount, storedProofState, type ProofState } from "@/lib/proofs/state";
import { computeUnread } from "@/lib/proofs/unread";
import type { Db, Tx } from "@/lib/db";
import { ownFingerprints } from "@/lib/proofs/references";
import { unreadLines } from "@/lib/proofs/lines";
import { recordObservation } from "@/lib/targets/watch/record";
import type { WatchJob } from "@/lib/targets/watch/types";

// The Contract proof "Old columns unread", computed by the target watcher between Migrate's
// completion and Contract's into the Contract stage's proof_state. Written when it changed (or once
// a minute, to say it still holds); when its verdict changes (a dropped column stops or starts
// being read, the extension or the target goes away) a "contract.proof_changed" audit event
// commits with it (lib/targets/watch/record.ts), so the trail shows when the proof came to hold.

const STEADY_WRITE_MS = 60_000;

// What a person would see change: everything but the time of the check.
const meaning = (state: ProofState | null) => (state ? JSON.stringify({ ...state, checkedAt: undefined }) : null);

// What a person would conclude from it: which dropped objects are still read, and whether it can be known.
const verdict = (state: ProofState | null) =>
  state && {
    available: state.available,
    unreachable: state.unreachable ?? false,
    stillRead: state.objects.filter((o) => stillReadingCount(o) > 0).map((o) => o.name),
  };

const summary = (state: ProofState | null, now: Date) =>
  !state
    ? null
    : state.available
      ? unreadLines(state, now)
          .map((l) => l.line)
          .join(" ") || "Contract drops no column or table."
      : (state.reason ?? null);

// Switchback's own SQL signals on this target, whatever release they belong to.
async function ownQueries(db: Db, targetId: string): Promise<Set<string>> {
  const signals = await db.signal.findMany({
    where: { source: "DATABASE", dbSql: { not: null }, release: { targetDatabaseId: targetId } },
    select: { dbSql: true },
  });
  return ownFingerprints(signals.flatMap((s) => (s.dbSql ? [s.dbSql] : [])));
}

export const watchContractProof: WatchJob = async (db, release, now) => {
  const migrate = release.stages.find((s) => s.kind === "MIGRATE");
  const contract = release.stages.find((s) => s.kind === "CONTRACT");
  if (!migrate || !contract || migrate.status !== "DONE" || contract.status === "DONE") return;

  // No usable snapshot from Migrate's completion (it completed before this existed, or the target
  // could not answer then): take one now, and the proof says its counting starts late.
  let baseline = storedBaseline(migrate.statementBaseline);
  if (!baseline?.available) {
    const late = await takeStatementBaseline(release.target, now);
    if (late.available || !baseline) {
      await db.stage.update({ where: { id: migrate.id }, data: { statementBaseline: late as unknown as Prisma.InputJsonValue } });
    }
    baseline = late;
  }

  const row = await db.stage.findUnique({ where: { id: contract.id }, select: { proofState: true } });
  const previous = storedProofState(row?.proofState);
  const since = migrate.completedAt?.toISOString() ?? null;
  const next: ProofState = baseline.available
    ? await computeUnread(release.target, { drops: droppedObjects(contract.sql), own: await ownQueries(db, release.target.id), baseline, previous, since, now })
    : { available: false, reason: baseline.reason, ...(baseline.unreachable ? { unreachable: true } : {}), checkedAt: now.toISOString(), since, objects: [] };

  const steady = meaning(next) === meaning(previous);
  if (steady && previous && now.getTime() - Date.parse(previous.checkedAt) < STEADY_WRITE_MS) return;
  // Only while Contract is still open: a completion in the meantime keeps the state it was judged on.
  const write = async (tx: Tx) =>
    (await tx.stage.updateMany({ where: { id: contract.id, status: { not: "DONE" } }, data: { proofState: next as unknown as Prisma.InputJsonValue } })).count >
    0;
  const [was, is] = [verdict(previous), verdict(next)!];
  if (JSON.stringify(was) === JSON.stringify(is)) return void (await write(db));
  await recordObservation(db, write, {
    releaseId: release.id,
    action: "contract.proof_changed",
    before: { stage: "CONTRACT", stillRead: was?.stillRead ?? null, proof: summary(previous, now) },
    after: { stage: "CONTRACT", holds: is.available && !is.unreachable && is.stillRead.length === 0, stillRead: is.stillRead, proof: summary(next, now) },
  });
};
