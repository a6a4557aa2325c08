import type { Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { formatDateTime } from "@/lib/format/time";
import type { StageKind } from "@/lib/generated/prisma/enums";
import { contractProofProblems } from "@/lib/proofs/gate";
import { releaseHealth } from "@/lib/signals/health";
import { STAGE_LABEL } from "@/lib/releases/template";
import type { ReleaseStatus } from "@/lib/releases/status";
import { STAGE_KIND, type StageName } from "@/lib/api/v1/schemas";

// The pipeline gate's judgement (issue: pipelines): may `stage` be deployed now? Go when the stages
// before it are DONE, the decision owner's latest call is GO (Migrate and Contract), no stop
// criterion is breached, nothing is paused for a human, and for Contract its computed proofs hold.
// The Go must be given for the stage: after the stage before it was done and after any auto-stop.
// Closed (do not deploy, and waiting will not help) when the release is stopped, paused by
// auto-stop, rolled back, abandoned or complete, or the stage is already done. Otherwise it waits,
// and says for what.

export type GateJudgement =
  { kind: "go" } | { kind: "closed"; status: ReleaseStatus; reason: string } | { kind: "waiting"; status: ReleaseStatus; waitingFor: string[] };

interface ReleaseRow {
  status: ReleaseStatus;
  autoStopTriggeredAt: Date | null;
  stages: { kind: StageKind; status: "PENDING" | "ACTIVE" | "DONE"; completedAt: Date | null }[];
  decision: { verdict: "GO" | "STOP"; reason: string; createdAt: Date; actor: string } | null;
}

// The release, its stages and its latest decision in one statement: a watched release is judged
// again on every piece of its news, for every pipeline waiting on it.
const RELEASE_SQL = `
  SELECT r.status::text AS status, r.auto_stop_triggered_at AS "autoStopTriggeredAt",
    (SELECT json_agg(json_build_object('kind', s.kind, 'status', s.status, 'completedAt', s.completed_at) ORDER BY s.position)
       FROM stages s WHERE s.release_id = r.id) AS stages,
    (SELECT json_build_object('verdict', d.verdict, 'reason', d.reason, 'createdAt', d.created_at, 'actor', u.name)
       FROM decisions d JOIN users u ON u.id = d.actor_id WHERE d.release_id = r.id ORDER BY d.created_at DESC LIMIT 1) AS decision
  FROM releases r WHERE r.id = $1::uuid`;

async function readRelease(db: Db, releaseId: string): Promise<ReleaseRow | null> {
  type Raw = Omit<ReleaseRow, "stages" | "decision"> & {
    stages: { kind: StageKind; status: ReleaseRow["stages"][number]["status"]; completedAt: string | null }[] | null;
    decision: { verdict: "GO" | "STOP"; reason: string; createdAt: string; actor: string } | null;
  };
  const [row] = await asSql(db).query<Raw>(RELEASE_SQL, [releaseId], "gate_release");
  if (!row) return null;
  return {
    status: row.status,
    autoStopTriggeredAt: row.autoStopTriggeredAt,
    stages: (row.stages ?? []).map((stage) => ({ ...stage, completedAt: stage.completedAt ? new Date(stage.completedAt) : null })),
    decision: row.decision && { ...row.decision, createdAt: new Date(row.decision.createdAt) },
  };
}

// The one sentence auto-stop wrote when it paused the release (lib/flags/auto-sentence.ts).
async function autoStopSentence(db: Db, releaseId: string): Promise<string> {
  const event = await db.auditEvent.findFirst({ where: { releaseId, action: "release.auto_stopped" }, orderBy: { id: "desc" }, select: { after: true } });
  const reason = (event?.after as { reason?: unknown } | null)?.reason;
  return typeof reason === "string" && reason ? reason : "a stop criterion breached";
}

// The Go that opens Migrate or Contract is one given for it: after the stage before it was done
// (a Go from Expand's time does not open the destructive Contract), and after the latest
// auto-stop (a Go from before the breach does not survive it).
function goSince(previousDone: Date | null, autoStoppedAt: Date | null, label: string): { since: Date | null; words: string } {
  if (autoStoppedAt && (!previousDone || autoStoppedAt > previousDone)) return { since: autoStoppedAt, words: " since the auto-stop" };
  return { since: previousDone, words: ` for ${label}` };
}

const ENDED: Partial<Record<ReleaseStatus, string>> = {
  ROLLED_BACK: "The release was rolled back; nothing more of it is deployed.",
  ABANDONED: "The release was abandoned; nothing more of it is deployed.",
  COMPLETED: "The release is complete; nothing is left to deploy.",
};

export async function judgeGate(db: Db, releaseId: string, stage: StageName, now = new Date()): Promise<GateJudgement | null> {
  const release = await readRelease(db, releaseId);
  if (!release) return null;
  const { status, decision } = release;
  const ended = ENDED[status];
  if (ended) return { kind: "closed", status, reason: ended };
  if (status === "STOPPED") {
    const by = decision?.verdict === "STOP" ? ` by ${decision.actor} at ${formatDateTime(decision.createdAt)}` : "";
    return { kind: "closed", status, reason: `Stopped${by}: ${decision?.reason || "no reason given"}.` };
  }
  if (status === "PAUSED") {
    return {
      kind: "closed",
      status,
      reason: `Paused by auto-stop (${await autoStopSentence(db, releaseId)}); the decision owner must look before anything is deployed.`,
    };
  }
  const index = release.stages.findIndex((s) => s.kind === STAGE_KIND[stage]);
  const target = release.stages[index];
  if (!target) return { kind: "closed", status, reason: `This release has no ${STAGE_LABEL[STAGE_KIND[stage]]} stage.` };
  if (target.status === "DONE") {
    return {
      kind: "closed",
      status,
      reason: `${STAGE_LABEL[target.kind]} is already done (completed ${formatDateTime(target.completedAt)}); it is not deployed twice.`,
    };
  }

  const waitingFor: string[] = [];
  if (status === "DRAFT") waitingFor.push("the plan to be marked ready");
  // Stages complete only during the deploy: a pipeline let through before it starts could apply
  // Expand and then be refused its completion.
  if (status === "DRAFT" || status === "READY") waitingFor.push("the deploy to be started");
  for (const before of release.stages.slice(0, index)) if (before.status !== "DONE") waitingFor.push(`${STAGE_LABEL[before.kind]} to be done`);
  if (stage !== "expand") {
    const go = goSince(release.stages[index - 1]?.completedAt ?? null, release.autoStopTriggeredAt, STAGE_LABEL[target.kind]);
    if (decision?.verdict !== "GO" || (go.since && decision.createdAt < go.since)) waitingFor.push(`the decision owner's Go${go.words}`);
  }
  const health = await releaseHealth(db, releaseId, now.getTime());
  for (const evaluation of health.evaluations) {
    if (evaluation.status !== "STOP") continue;
    const name = health.specs.find((spec) => spec.id === evaluation.criterionId)?.signalName ?? "a signal";
    waitingFor.push(`${name} to recover (${evaluation.reason})`);
  }
  // Proofs are judged last and only when nothing else blocks: they read the most.
  if (stage === "contract" && waitingFor.length === 0) waitingFor.push(...(await contractProofProblems(db, releaseId, now)));
  return waitingFor.length ? { kind: "waiting", status, waitingFor } : { kind: "go" };
}
