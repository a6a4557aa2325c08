import { z } from "zod";
import { getDb, type Tx } from "@/lib/db";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { AppError, fieldErrorsOf, toErrorBody, type ErrorBody } from "@/lib/errors";
import { can, type CurrentUser, type Permission } from "@/lib/permissions";
import { getReleaseAccess, type ReleaseAccess } from "@/lib/releases/access";

// THE mutation path. Every state change runs through here, in this order:
// session → zod parse → permission (release-scoped) → one transaction holding the change AND its
// audit event(s) (the live NOTIFY rides in the same transaction) → revalidate → typed result.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface ActionContext<I> {
  tx: Tx;
  user: CurrentUser;
  input: I;
  release: ReleaseAccess | null;
  // Records an audit event in this transaction, attributed to the signed-in user.
  audit(event: Omit<AuditInput, "actor">): Promise<void>;
}

export interface ActionConfig<S extends z.ZodType, T> {
  name: string;
  input: S;
  permission: Permission;
  // The release (and stage) the permission is checked against; omit for global actions.
  target?: (input: z.output<S>) => { releaseId: string; stageId?: string };
  run(ctx: ActionContext<z.output<S>>): Promise<T>;
  revalidate?: (input: z.output<S>, data: T) => string[];
}

export interface ActionRuntime {
  currentUser(): Promise<CurrentUser | null>;
  revalidate(paths: string[]): void;
}

export async function runAction<S extends z.ZodType, T>(
  config: ActionConfig<S, T>,
  rawInput: unknown,
  runtime: ActionRuntime,
): Promise<ActionResult<T>> {
  try {
    const user = await runtime.currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");

    const parsed = config.input.safeParse(rawInput);
    if (!parsed.success) throw new AppError("INVALID", "Some fields need attention.", fieldErrorsOf(parsed.error));
    const input = parsed.data;

    const db = getDb();
    const target = config.target?.(input);
    const release = target ? await getReleaseAccess(db, target.releaseId) : null;
    if (target && !release) throw new AppError("NOT_FOUND", "That release does not exist.");
    const stageOwnerId = target?.stageId ? release?.stages.find((s) => s.id === target.stageId)?.ownerId : undefined;
    if (!can(user, config.permission, { release: release ?? undefined, stageOwnerId })) {
      throw new AppError("FORBIDDEN", "You do not have permission to do that.");
    }

    const data = await db.$transaction(
      async (tx) => {
        let audited = 0;
        const ctx: ActionContext<z.output<S>> = {
          tx,
          user,
          input,
          release,
          audit: async (event) => {
            await appendAudit(tx, { ...event, actor: { type: "USER", id: user.id, label: user.name } });
            audited += 1;
          },
        };
        const result = await config.run(ctx);
        // A change without its audit event must not commit.
        if (audited === 0) throw new Error(`action ${config.name} committed no audit event`);
        return result;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );

    if (config.revalidate) runtime.revalidate(config.revalidate(input, data));
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

// Binds an action to the Next.js runtime (session cookie, path revalidation). The runtime is
// imported lazily so the mutation path itself stays testable outside a request.
export function defineAction<S extends z.ZodType, T>(config: ActionConfig<S, T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const { nextRuntime } = await import("@/lib/next-runtime");
    return runAction(config, input, nextRuntime);
  };
}
