import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import type { z } from "@/lib/input/zod";
import type { StageKind } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/permissions";
import { lockReleaseStatus } from "@/lib/releases/lock";
import { AppError } from "@/lib/errors";
import { completeStageSchema, decisionSchema, startDeploySchema } from "@/lib/releases/schemas-deploy";
import { flipAsUser } from "@/lib/flags/flip";
import { assertTransition, isDeploying, statusAfterCall, type ReleaseStatus } from "@/lib/releases/status";
import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";
import { STAGE_LABEL } from "@/lib/releases/template";
import { enqueueWebhooks } from "@/lib/notify/webhooks";
import { closeIncident, openIncident } from "@/lib/incidents/open";
import { releaseHealth, snapshotOf } from "@/lib/signals/health";
import { completionGate, readForCompletion, type CompletionReads } from "@/lib/verify/complete";
import { releaseProofs, tickCounts } from "@/lib/proofs/release-proofs";

// The deploy itself: start it, make the Go/Stop call with a snapshot of every signal, and move
// through the stages. All through the one wrapper, each with its audit event.

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}`, `/releases/${input.releaseId}/cockpit`, "/releases"];

const lockRelease = (ctx: Pick<ActionContext<unknown>, "tx">, releaseId: string) => lockReleaseStatus(ctx.tx, releaseId);

const STAGE_REFUSAL: Partial<Record<ReleaseStatus, string>> = {
  PAUSED: "The release is paused by auto-stop; acknowledge it before completing stages.",
  STOPPED: "The release is stopped: no stage completes until the decision owner calls Go again.",
};

export const startDeploy: ActionConfig<typeof startDeploySchema, { status: ReleaseStatus; stage: StageKind }> = {
  name: "release.start_deploy",
  input: startDeploySchema,
  permission: "deploy.start",
  target: releaseTarget,
  run: (ctx) => startDeployIn(ctx, ctx.input.releaseId),
  revalidate,
};

// The start itself, the same for a person (the cockpit's button) and a pipeline token with the
// deploy scope (lib/pipelines/deploy-start.ts): READY only, the first stage becomes active.
export async function startDeployIn(
  ctx: Pick<ActionContext<unknown>, "tx" | "audit">,
  releaseId: string,
  by: { tokenId?: string } = {},
): Promise<{ status: ReleaseStatus; stage: StageKind }> {
  const status = await lockRelease(ctx, releaseId);
  // A pipeline reads this in its job log: it says what a person must do first.
  if (status === "DRAFT") throw new AppError("CONFLICT", "This release is a draft: mark the plan ready first, then start the deploy.");
  if (isDeploying(status)) throw new AppError("CONFLICT", `The deploy has already started; the release is ${RELEASE_STATUS_LABEL[status].toLowerCase()}.`);
  assertTransition(status, "IN_PROGRESS");
  if (status !== "READY") throw new AppError("CONFLICT", "Only a ready release can start its deploy.");
  const now = new Date();
  await ctx.tx.release.update({ where: { id: releaseId }, data: { status: "IN_PROGRESS", startedAt: now, version: { increment: 1 } } });
  const first = await ctx.tx.stage.findFirstOrThrow({ where: { releaseId }, orderBy: { position: "asc" }, select: { id: true, kind: true } });
  await ctx.tx.stage.update({ where: { id: first.id }, data: { status: "ACTIVE", startedAt: now } });
  await ctx.audit({
    action: "release.deploy_started",
    releaseId,
    before: { status },
    after: { status: "IN_PROGRESS", activeStage: first.kind, ...(by.tokenId ? { tokenId: by.tokenId } : {}) },
  });
  return { status: "IN_PROGRESS", stage: first.kind };
}

// Who completes a stage: a person through the button or the API, or a pipeline token with the
// deploy scope (lib/pipelines/stage-complete.ts), which never overrides a failing check.
export interface StageCompleter {
  userId: string | null;
  name: string;
  user: CurrentUser | null;
  // The pipeline token that completed it (token names are not unique; the id is).
  tokenId?: string;
}

type CompletionContext = Pick<ActionContext<z.output<typeof completeStageSchema>, CompletionReads>, "tx" | "input" | "prepared" | "release" | "audit">;

// The completion itself, the same for both: checklist, schema check and proofs, then the stage,
// the next one, the audit event and the webhook in the caller's transaction.
export async function completeStageIn(ctx: CompletionContext, by: StageCompleter): Promise<{ next: StageKind | null; status: ReleaseStatus }> {
  const { releaseId, stageId } = ctx.input;
  const status = await lockRelease(ctx, releaseId);
  if (status !== "IN_PROGRESS") throw new AppError("CONFLICT", STAGE_REFUSAL[status] ?? "Stages are completed during the deploy, once it has started.");
  const stages = await ctx.tx.stage.findMany({
    where: { releaseId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, status: true, checklistItems: { where: { done: false }, select: { text: true, computedProof: true } } },
  });
  const index = stages.findIndex((s) => s.id === stageId);
  const stage = stages[index];
  if (!stage) throw new AppError("NOT_FOUND", "That stage is not part of this release.");
  if (stage.status !== "ACTIVE") throw new AppError("CONFLICT", `${STAGE_LABEL[stage.kind]} is not the active stage; someone may have completed it already.`);
  // A proof Switchback computes is not ticked: the completion gate judges it instead.
  const proofs = stage.kind === "CONTRACT" ? await releaseProofs(ctx.tx, releaseId) : null;
  const unticked = stage.checklistItems.filter((i) => tickCounts(proofs, i.computedProof));
  if (unticked.length) {
    const open = unticked.map((i) => `“${i.text}”`);
    throw new AppError(
      "CONFLICT",
      `${STAGE_LABEL[stage.kind]} is not done: ${open.length} checklist item${open.length > 1 ? "s are" : " is"} not ticked (${open.join(", ")}).`,
    );
  }
  const now = new Date();
  const gate = await completionGate({
    ...{ tx: ctx.tx, user: by.user, release: ctx.release, releaseId, kind: stage.kind },
    ...{ reads: ctx.prepared, proofs, overrideReason: ctx.input.overrideReason, now },
  });
  await ctx.tx.stage.update({ where: { id: stageId }, data: { status: "DONE", completedAt: now, completedById: by.userId, ...gate.stage } });
  const next = stages[index + 1];
  if (next) await ctx.tx.stage.update({ where: { id: next.id }, data: { status: "ACTIVE", startedAt: now } });
  const snapshot = snapshotOf(await releaseHealth(ctx.tx, releaseId, now.getTime()));
  await ctx.audit({
    action: "stage.completed",
    releaseId,
    before: { stage: stage.kind, status: "ACTIVE", ...(next ? {} : { releaseStatus: status }) },
    after: {
      stage: stage.kind,
      status: "DONE",
      nextStage: next?.kind ?? null,
      ...(next ? {} : { releaseStatus: "COMPLETED" }),
      ...gate.audit,
      ...(by.tokenId ? { tokenId: by.tokenId } : {}),
      snapshot,
    },
  });
  const { title } = await ctx.tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { title: true } });
  await enqueueWebhooks(ctx.tx, {
    type: "stage_complete",
    releaseId,
    releaseTitle: title,
    text: `${by.name} completed ${STAGE_LABEL[stage.kind]} of “${title}”${next ? `; ${STAGE_LABEL[next.kind]} is active` : "; the release is complete"}.`,
    data: { stage: stage.kind, nextStage: next?.kind ?? null, actor: by.name, snapshot },
  });
  if (!next) {
    await ctx.tx.release.update({ where: { id: releaseId }, data: { status: "COMPLETED", finishedAt: now, version: { increment: 1 } } });
    await closeIncident(ctx.tx, releaseId, by.name, "Release completed", ctx.audit);
  }
  return { next: next?.kind ?? null, status: next ? status : "COMPLETED" };
}

// With a target database, the stage's schema check (and Contract's computed proofs) must hold too,
// unless the decision owner or the backup overrides with a reason (lib/verify/complete.ts).
export const completeStage: ActionConfig<typeof completeStageSchema, { next: string | null; status: ReleaseStatus }, CompletionReads> = {
  name: "stage.complete",
  input: completeStageSchema,
  permission: "stage.complete",
  target: (input) => ({ releaseId: input.releaseId, stageId: input.stageId }),
  prepare: readForCompletion,
  run: (ctx) => completeStageIn(ctx, { userId: ctx.user.id, name: ctx.user.name, user: ctx.user }),
  revalidate,
};

export const acknowledgeAutoStop: ActionConfig<typeof startDeploySchema, { status: ReleaseStatus }> = {
  name: "release.acknowledge_auto_stop",
  input: startDeploySchema,
  permission: "decision",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId } = ctx.input;
    const status = await lockRelease(ctx, releaseId);
    if (status !== "PAUSED") throw new AppError("CONFLICT", "There is no auto-stop waiting to be acknowledged.");
    await ctx.tx.release.update({ where: { id: releaseId }, data: { status: "IN_PROGRESS", autoStopAckedAt: new Date(), version: { increment: 1 } } });
    await ctx.audit({ action: "release.auto_stop_acknowledged", releaseId, before: { status }, after: { status: "IN_PROGRESS" } });
    return { status: "IN_PROGRESS" };
  },
  revalidate,
};

// The Go/Stop call. Stop moves the release to STOPPED and, unless the caller keeps it, turns the
// kill switch off in the same transaction (the flip writes its own audit event after the
// decision's); while STOPPED no stage completes. Go from STOPPED resumes the deploy.
export const recordDecision: ActionConfig<typeof decisionSchema, { id: string; status: ReleaseStatus; flag: string | null }> = {
  name: "decision.record",
  input: decisionSchema,
  permission: "decision",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, verdict, reason, flag } = ctx.input;
    const status = await lockRelease(ctx, releaseId);
    const next = statusAfterCall(status, verdict);
    const active = await ctx.tx.stage.findFirst({ where: { releaseId, status: "ACTIVE" }, select: { id: true, kind: true } });
    const snapshot = snapshotOf(await releaseHealth(ctx.tx, releaseId));
    const decision = await ctx.tx.decision.create({
      data: { releaseId, stageId: active?.id ?? null, verdict, reason, actorId: ctx.user.id, snapshot },
      select: { id: true },
    });
    // A person's Stop answers a waiting auto-stop too: the banner has done its job.
    if (next !== status)
      await ctx.tx.release.update({
        where: { id: releaseId },
        data: { status: next, version: { increment: 1 }, ...(status === "PAUSED" ? { autoStopAckedAt: new Date() } : {}) },
      });
    const turnOff = verdict === "STOP" && flag === "off";
    const statusChange = next !== status ? { before: { status }, statusAfter: { status: next } } : null;
    await ctx.audit({
      action: "decision.recorded",
      releaseId,
      before: statusChange?.before,
      after: {
        decisionId: decision.id,
        verdict,
        reason,
        stage: active?.kind ?? null,
        ...statusChange?.statusAfter,
        ...(verdict === "STOP" ? { flag } : {}),
        snapshot,
      },
    });
    // A Stop starts the first ten minutes (before the flip, so the flip ticks the flag step); Go answers them.
    const by = { id: ctx.user.id, label: ctx.user.name };
    if (verdict === "STOP") await openIncident(ctx.tx, { releaseId, trigger: "STOP", reason, startedBy: by, audit: ctx.audit });
    else await closeIncident(ctx.tx, releaseId, ctx.user.name, "Go", ctx.audit);
    const flagOutcome = turnOff ? await stopFlag(ctx, reason) : null;
    const { title } = await ctx.tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { title: true } });
    const what =
      verdict === "STOP"
        ? `stopped “${title}”: ${reason}${flagOutcome ? ` (${flagOutcome})` : " (the flag was kept as it is)"}`
        : status === "STOPPED"
          ? `called GO on “${title}”; the deploy resumes${reason ? `: ${reason}` : ""}`
          : `called GO on “${title}”${reason ? `: ${reason}` : ""}`;
    await enqueueWebhooks(ctx.tx, {
      type: "decision",
      releaseId,
      releaseTitle: title,
      text: `${ctx.user.name} ${what} (recommendation was ${snapshot.recommendation.verdict}: ${snapshot.recommendation.reason}).`,
      data: { verdict, reason, stage: active?.kind ?? null, actor: ctx.user.name, status: next, flag: flagOutcome, snapshot },
    });
    return { id: decision.id, status: next, flag: flagOutcome };
  },
  revalidate,
};

// Stop's flip, in the decision's transaction: one sentence of what became of the flag.
async function stopFlag(ctx: ActionContext<unknown>, reason: string): Promise<string> {
  const outcome = await flipAsUser(ctx, { expected: true, next: false, reason: `Stop: ${reason}` });
  if (outcome.kind === "applied") return "the flag was turned off";
  if (outcome.kind === "conflict") return "the flag was already off";
  return `the flag could not be turned off: ${outcome.message}`;
}
