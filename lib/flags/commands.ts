import { z } from "@/lib/input/zod";
import { releaseTarget, type ActionConfig, type ActionContext, type Refusal } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { flipAsUser } from "@/lib/flags/flip";
import { closeRequest, lockAnswerable, openFlagOnRequest } from "@/lib/flags/four-eyes";
import { appSql } from "@/lib/db/sql";
import { releaseHealth, snapshotOf, type HealthSnapshot } from "@/lib/signals/health";

const schema = z.object({
  releaseId: z.uuid(),
  expected: z.boolean({ error: "Say which state you saw the flag in" }),
  // Optional: a flip in a hurry must not wait for words, but words given travel with the audit event.
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters")
    .optional()
    .transform((v) => v || undefined),
});
type Input = z.output<typeof schema>;

const CODE = { conflict: "CONFLICT", failed: "PROVIDER_UNAVAILABLE", missing: "NOT_FOUND" } as const;

type FlipResult = { enabled: boolean; pendingApproval?: { requestId: string; expiresAt: Date } };

// The signal snapshot a flip records, read on its own connection while the flip's transaction
// takes its locks: the click that turns the flag off waits for neither in turn. Turning on reads it
// in its transaction: four eyes would often make it a request, which records no snapshot.
type Prepared = { snapshot: Promise<HealthSnapshot> } | undefined;
const prepareSnapshot = (input: Input): Promise<Prepared> => {
  const snapshot = releaseHealth(appSql(), input.releaseId).then(snapshotOf);
  snapshot.catch(() => undefined); // a flip that ends before it needs the snapshot leaves no unhandled rejection
  return Promise.resolve({ snapshot });
};

function flipTo(next: boolean) {
  return async (ctx: ActionContext<Input, Prepared>): Promise<FlipResult | Refusal> => {
    if (ctx.input.expected === next) throw new AppError("INVALID", `The flag is already ${next ? "on" : "off"} as far as you saw; nothing to do.`);
    // Four eyes: turning on becomes a request for the backup or an admin (off is never delayed).
    if (next && ctx.release?.fourEyes) {
      const pendingApproval = await openFlagOnRequest(ctx, ctx.input.releaseId, ctx.input.reason);
      return { enabled: false, pendingApproval };
    }
    const outcome = await flipAsUser(ctx, { expected: ctx.input.expected, next, reason: ctx.input.reason, snapshot: ctx.prepared?.snapshot });
    // An applied flip and a failed attempt were audited with the change; a conflict or a
    // missing flag changed and recorded nothing.
    if (outcome.kind === "applied") return { enabled: outcome.state.enabled };
    return ctx.refuse(new AppError(CODE[outcome.kind], outcome.message));
  };
}

const revalidate = (input: { releaseId: string }) => [`/releases/${input.releaseId}/cockpit`];

// Safety first: anyone who may edit the plan may turn the flag off; turning it back on is the
// decision owners' (or an admin's) call. The flip and its audit event commit in the action's
// transaction (see lib/flags/flip.ts).
//
// Neither flip re-renders the cockpit in its answer (no `revalidate`): that render would run on the
// server the moment the flip commits, just when every connected consumer re-fetches the flag, and
// hold their answers back (measured by `npm run bench:kill-switch`). Every open cockpit, the
// clicker's included, re-renders anyway through the live stream's refresh after the audit event;
// the panel shows the state the server confirmed until then.
export const turnFlagOff: ActionConfig<typeof schema, FlipResult, Prepared> = {
  name: "flag.turn_off",
  input: schema,
  permission: "flag.off",
  target: releaseTarget,
  prepare: prepareSnapshot,
  run: flipTo(false),
};

export const turnFlagOn: ActionConfig<typeof schema, FlipResult, Prepared> = {
  name: "flag.turn_on",
  input: schema,
  permission: "flag.on",
  target: releaseTarget,
  run: flipTo(true),
};

const answerSchema = z.object({
  releaseId: z.uuid(),
  requestId: z.uuid("Not a valid request"),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters").default(""),
});

// Approving a four-eyes request turns the flag on, in the same transaction that closes the
// request; the flip's one audit event names the request and both people.
export const approveFlagOn: ActionConfig<typeof answerSchema, FlipResult> = {
  name: "flag.approve_on",
  input: answerSchema,
  permission: "flag.approve",
  target: releaseTarget,
  async run(ctx) {
    const request = await lockAnswerable(ctx.sql, ctx.input.releaseId, ctx.input.requestId, ctx.user);
    const outcome = await flipAsUser(ctx, {
      expected: false,
      next: true,
      reason: `Four eyes: ${request.requestedBy} asked, ${ctx.user.name} approved${ctx.input.note ? ` (${ctx.input.note})` : ""}`,
      extra: {
        fourEyes: { requestId: request.id, requestedBy: request.requestedBy, requestedAt: request.requestedAt.toISOString(), approvedBy: ctx.user.name },
      },
    });
    if (outcome.kind === "failed") {
      // The failed attempt stays in the trail; the request stays open for another try.
      return ctx.refuse(new AppError(CODE.failed, outcome.message));
    }
    if (outcome.kind !== "applied") throw new AppError(CODE[outcome.kind], outcome.message);
    await closeRequest(ctx.sql, request.id, "APPROVED", ctx.user, ctx.input.note);
    return { enabled: outcome.state.enabled };
  },
  revalidate,
};

export const declineFlagOn: ActionConfig<typeof answerSchema, { declined: true }> = {
  name: "flag.decline_on",
  input: answerSchema,
  permission: "flag.approve",
  target: releaseTarget,
  async run(ctx) {
    const request = await lockAnswerable(ctx.sql, ctx.input.releaseId, ctx.input.requestId, ctx.user);
    await closeRequest(ctx.sql, request.id, "DECLINED", ctx.user, ctx.input.note);
    await ctx.audit({
      action: "flag.on_declined",
      releaseId: ctx.input.releaseId,
      after: { requestId: request.id, requestedBy: request.requestedBy, note: ctx.input.note },
    });
    return { declined: true };
  },
  revalidate,
};
