import { z } from "@/lib/input/zod";
import { releaseTarget, type ActionConfig, type ActionContext } from "@/lib/action";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { lastBackfillChange } from "@/lib/flags/backfill/last-change";
import { setBackfillPaused, type BackfillSwitch } from "@/lib/flags/backfill/switch";
import { formatInstant } from "@/lib/format/time";

const schema = z.object({
  releaseId: z.uuid(),
  // Optional like a flip's: pausing in a hurry must not wait for words.
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters")
    .optional()
    .transform((v) => v || undefined),
});
type Input = z.output<typeof schema>;

export const NO_FLAG = "This release has no feature flag configured; its backfill switch comes with it.";

type Result = { paused: boolean; key: string; version: number };

const word = (paused: boolean) => (paused ? "paused" : "running");

// Names who got there first, so the second person knows whose call to ask about.
async function alreadyMessage(sql: Sql, releaseId: string, state: BackfillSwitch): Promise<string> {
  const last = await lastBackfillChange(sql, releaseId, state.key);
  if (!last || last.paused !== state.paused)
    return `The backfill is already ${word(state.paused)} (since ${formatInstant(state.changedAt)}). Nothing was changed.`;
  const why = last.reason ? ` (${last.reason})` : "";
  return `The backfill is already ${word(state.paused)}: ${last.actor} ${last.paused ? "paused" : "resumed"} it at ${formatInstant(last.at)}${why}. Nothing was changed.`;
}

function setPaused(paused: boolean) {
  return async (ctx: ActionContext<Input>): Promise<Result> => {
    const { releaseId, reason } = ctx.input;
    const outcome = await setBackfillPaused(ctx.tx, {
      releaseId,
      paused,
      reason,
      actor: { type: "USER", id: ctx.user.id, label: ctx.user.name },
      audit: ctx.audit,
    });
    if (outcome.kind === "missing") throw new AppError("NOT_FOUND", NO_FLAG);
    // Thrown, not refused: nothing is recorded, and a switch row made just now goes with it.
    if (outcome.kind === "unchanged") throw new AppError("CONFLICT", await alreadyMessage(ctx.sql, releaseId, outcome.state));
    return { paused: outcome.state.paused, key: outcome.state.key, version: outcome.state.version };
  };
}

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}/cockpit`];

// The backfill's pause button follows the kill switch (PRODUCT.md): whoever may turn the flag off
// may pause, safety first; resuming is the decision owners' (or an admin's) call, like turning it on.
export const pauseBackfill: ActionConfig<typeof schema, Result> = {
  name: "backfill.pause",
  input: schema,
  permission: "backfill.pause",
  target: releaseTarget,
  run: setPaused(true),
  revalidate,
};

export const resumeBackfill: ActionConfig<typeof schema, Result> = {
  name: "backfill.resume",
  input: schema,
  permission: "backfill.resume",
  target: releaseTarget,
  run: setPaused(false),
  revalidate,
};
