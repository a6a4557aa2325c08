import { releaseTarget, type ActionConfig } from "@/lib/action";
import { lockReleaseIf } from "@/lib/releases/lock";
import { AppError } from "@/lib/errors";
import { formatTime } from "@/lib/format/time";
import { openIncident } from "@/lib/incidents/open";
import { startIncidentSchema, tickStepSchema } from "@/lib/incidents/schemas";
import { mayTick, mayUntick } from "@/lib/incidents/who-ticks";
import { isDeploying } from "@/lib/releases/status";

// The first ten minutes from the cockpit: anyone who may act on the release starts an incident;
// each runbook step is ticked by its assignee alone, who and when recorded and audited.

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}/cockpit`, `/releases/${input.releaseId}/audit/report`];

export const startIncident: ActionConfig<typeof startIncidentSchema, { id: string }> = {
  name: "incident.start",
  input: startIncidentSchema,
  permission: "incident",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, reason } = ctx.input;
    await lockReleaseIf(ctx.tx, releaseId, isDeploying, "An incident is started during the deploy; this release is not deploying.");
    const running = await ctx.tx.incident.findFirst({ where: { releaseId, endedAt: null }, select: { startedAt: true, startedByLabel: true } });
    if (running) throw new AppError("CONFLICT", `An incident is already running: ${running.startedByLabel} started it at ${formatTime(running.startedAt)}.`);
    const { id } = await openIncident(ctx.tx, { releaseId, trigger: "MANUAL", reason, startedBy: { id: ctx.user.id, label: ctx.user.name }, audit: ctx.audit });
    return { id };
  },
  revalidate,
};

export const tickIncidentStep: ActionConfig<typeof tickStepSchema, { done: boolean }> = {
  name: "incident.tick_step",
  input: tickStepSchema,
  permission: "incident",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, stepId, done } = ctx.input;
    const [step] = await ctx.tx.$queryRaw<
      {
        incident_id: string;
        role: string;
        text: string;
        auto_check: string | null;
        assignee_id: string | null;
        assignee_name: string | null;
        done_at: Date | null;
        done_by_id: string | null;
        done_by_label: string | null;
        ended_at: Date | null;
      }[]
    >`
      SELECT s.incident_id, s.role::text AS role, s.text, s.auto_check::text AS auto_check, s.assignee_id, s.assignee_name, s.done_at, s.done_by_id, s.done_by_label, i.ended_at
        FROM incident_steps s JOIN incidents i ON i.id = s.incident_id
       WHERE s.id = ${stepId}::uuid AND i.release_id = ${releaseId}::uuid
         FOR UPDATE OF s`;
    if (!step) throw new AppError("NOT_FOUND", "That runbook step is not part of this release's incident.");
    if (step.ended_at) throw new AppError("CONFLICT", "This incident has ended; its steps stay as they were.");
    const deciders = ctx.release ? [ctx.release.decisionOwnerId, ctx.release.backupOwnerId] : [];
    const ownership = { assigneeId: step.assignee_id, doneById: step.done_by_id, done: !!step.done_at };
    if (!mayTick(ctx.user.id, ownership, deciders)) {
      throw new AppError(
        "FORBIDDEN",
        step.assignee_name
          ? `Only ${step.assignee_name} ticks this step: it is their part of the runbook.`
          : "Nobody is assigned to this step: the decision owner or the backup ticks it.",
      );
    }
    if (done === !!step.done_at) {
      throw new AppError("CONFLICT", done ? `Already ticked by ${step.done_by_label} at ${formatTime(step.done_at!)}.` : "That step is not ticked.");
    }
    if (!done && !mayUntick(ctx.user.id, ownership)) {
      throw new AppError(
        "FORBIDDEN",
        step.auto_check ? "Switchback read the flag OFF from the provider; that tick stays." : `Only ${step.done_by_label} can untick what they ticked.`,
      );
    }
    await ctx.tx.incidentStep.update({
      where: { id: stepId },
      data: done ? { doneAt: new Date(), doneById: ctx.user.id, doneByLabel: ctx.user.name } : { doneAt: null, doneById: null, doneByLabel: null },
    });
    await ctx.audit({
      action: done ? "incident.step_ticked" : "incident.step_unticked",
      releaseId,
      after: { incidentId: step.incident_id, stepId, role: step.role, text: step.text, done },
    });
    return { done };
  },
  revalidate,
};
