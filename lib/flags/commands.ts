import { z } from "zod";
import type { ActionConfig, ActionContext, Refusal } from "@/lib/action";
import { withSqlTransaction } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { performFlip } from "@/lib/flags/flip";

const schema = z.object({ releaseId: z.uuid(), expected: z.boolean({ error: "Say which state you saw the flag in" }) });
type Input = z.output<typeof schema>;

const CODE = { conflict: "CONFLICT", failed: "PROVIDER_UNAVAILABLE", missing: "NOT_FOUND" } as const;

function flipTo(next: boolean) {
  return async (ctx: ActionContext<Input>): Promise<{ enabled: boolean } | Refusal> => {
    if (ctx.input.expected === next) throw new AppError("INVALID", `The flag is already ${next ? "on" : "off"} as far as you saw; nothing to do.`);
    const outcome = await performFlip(ctx.sql, {
      releaseId: ctx.input.releaseId,
      expected: ctx.input.expected,
      next,
      actor: { type: "USER", id: ctx.user.id, label: ctx.user.name },
      inTransaction: (work) => withSqlTransaction(work),
      release: ctx.release ? { title: ctx.release.title, flagProvider: ctx.release.flag.provider, flagKey: ctx.release.flag.key, flagEnvironment: ctx.release.flag.environment } : undefined,
    });
    // An applied flip and a failed attempt were audited with the change; a conflict or a
    // missing flag changed and recorded nothing.
    if (outcome.kind === "applied" || outcome.kind === "failed") ctx.audited();
    if (outcome.kind === "applied") return { enabled: outcome.state.enabled };
    return ctx.refuse(new AppError(CODE[outcome.kind], outcome.message));
  };
}

const revalidate = (input: Input) => [`/releases/${input.releaseId}/cockpit`];

// Safety first: anyone who may edit the plan may turn the flag off; turning it back on is the
// decision owners' (or an admin's) call. The "statement" engine: the flip writes its own audit
// event atomically with the change (see lib/flags/flip.ts).
export const turnFlagOff: ActionConfig<typeof schema, { enabled: boolean }> = {
  name: "flag.turn_off",
  input: schema,
  permission: "flag.off",
  engine: "statement",
  target: (input) => ({ releaseId: input.releaseId }),
  run: flipTo(false),
  revalidate,
};

export const turnFlagOn: ActionConfig<typeof schema, { enabled: boolean }> = {
  name: "flag.turn_on",
  input: schema,
  permission: "flag.on",
  engine: "statement",
  target: (input) => ({ releaseId: input.releaseId }),
  run: flipTo(true),
  revalidate,
};
