import { z } from "@/lib/input/zod";
import { getDb, type Tx } from "@/lib/db";
import { appSql, asSql, type Sql } from "@/lib/db/sql";
import { appendAudit, type Actor, type AuditInput } from "@/lib/audit/append";
import { AppError, fieldErrorsOf, toErrorBody, type ErrorBody } from "@/lib/errors";
import { assertStorableText, unstorableTextPaths } from "@/lib/input/storable-text";
import { can, type CurrentUser, type Permission } from "@/lib/permissions";
import { getReleaseAccess, type ReleaseAccess } from "@/lib/releases/access";

// THE mutation path. Every state change runs through here, in this order:
// session → zod parse → permission (release-scoped) → one transaction holding the change AND its
// audit event(s) (the live NOTIFY rides in the same transaction) → revalidate → typed result.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

// A failure whose record must still commit: e.g. a flag flip the provider refused is answered as
// an error, yet its audited attempt stays in the trail.
export class Refusal {
  constructor(readonly error: AppError) {}
}

export interface ActionContext<I, P = unknown> {
  tx: Tx;
  // The same transaction for hand-written SQL.
  sql: Sql;
  user: CurrentUser;
  input: I;
  // What `prepare` found before the transaction began.
  prepared: P;
  release: ReleaseAccess | null;
  // Records an audit event in this transaction, attributed to the signed-in user.
  audit(event: Omit<AuditInput, "actor">): Promise<void>;
  // Ends the action as a failure but commits what it recorded (a refused change records nothing).
  refuse(error: AppError): Refusal;
  // Runs `fn` once the transaction has committed (never if it rolls back): this instance's memory
  // catching up with the change before the action answers, without waiting for its own NOTIFY.
  afterCommit(fn: () => void): void;
}

export interface ActionConfig<S extends z.ZodType, T, P = undefined> {
  name: string;
  input: S;
  permission: Permission;
  // The release (and stage) the permission is checked against; omit for global actions.
  target?: (input: z.output<S>) => { releaseId: string; stageId?: string };
  // Work that must not hold a transaction open (a long read), done after the permission check.
  prepare?: (input: z.output<S>) => Promise<P>;
  run(ctx: ActionContext<z.output<S>, P>): Promise<T | Refusal>;
  revalidate?: (input: z.output<S>, data: T) => string[];
}

// The `target` of an action on one release, checked against that release's people.
export const releaseTarget = (input: { releaseId: string }) => ({ releaseId: input.releaseId });

export interface ActionRuntime {
  currentUser(): Promise<CurrentUser | null>;
  revalidate(paths: string[]): void;
}

// What a change's transaction offers whoever acts (a person through runAction, a pipeline token
// through lib/pipelines/stage-complete.ts): the transaction, audit events written in it under the
// actor's name, a refusal that still commits what it recorded, and work to run after commit.
export type TransactionCore = Pick<ActionContext<unknown>, "tx" | "sql" | "audit" | "refuse" | "afterCommit">;

// One engine: the change and its audit event commit in this transaction or not at all, and a
// change without an audit event does not commit.
export async function auditedTransaction<T>(name: string, actor: Actor, run: (core: TransactionCore) => Promise<T | Refusal>): Promise<T | Refusal> {
  const committed: (() => void)[] = [];
  const data = await getDb().$transaction(
    async (tx) => {
      let audited = 0;
      const core: TransactionCore = {
        tx,
        sql: asSql(tx),
        audit: async (event) => {
          await appendAudit(tx, { ...event, actor });
          audited += 1;
        },
        refuse: (error) => new Refusal(error),
        afterCommit: (fn) => void committed.push(fn),
      };
      const result = await run(core);
      if (audited === 0 && !(result instanceof Refusal)) throw new Error(`action ${name} committed no audit event`);
      return result;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  for (const fn of committed) fn();
  return data;
}

export async function runAction<S extends z.ZodType, T, P = undefined>(
  config: ActionConfig<S, T, P>,
  rawInput: unknown,
  runtime: ActionRuntime,
): Promise<ActionResult<T>> {
  try {
    // The session and the release are read side by side (a kill switch's click waits for both);
    // what the checks below refuse is still refused in the same order, and nothing read is used first.
    const parsed = unstorableTextPaths(rawInput).length === 0 ? config.input.safeParse(rawInput) : null;
    const target = parsed?.success ? config.target?.(parsed.data) : undefined;
    const releaseRead = target ? getReleaseAccess(appSql(), target.releaseId) : Promise.resolve(null);
    releaseRead.catch(() => undefined); // awaited below when the checks get that far; never unhandled

    const user = await runtime.currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");

    assertStorableText(rawInput);
    if (!parsed?.success) throw new AppError("INVALID", "Some fields need attention.", fieldErrorsOf(parsed!.error));
    const input = parsed.data;

    const release = await releaseRead;
    if (target && !release) throw new AppError("NOT_FOUND", "That release does not exist.");
    const stageOwnerId = target?.stageId ? release?.stages.find((s) => s.id === target.stageId)?.ownerId : undefined;
    if (!can(user, config.permission, { release: release ?? undefined, stageOwnerId })) {
      throw new AppError("FORBIDDEN", "You do not have permission to do that.");
    }

    const prepared = (await config.prepare?.(input)) as P;
    const data = await auditedTransaction(config.name, { type: "USER", id: user.id, label: user.name }, (core) =>
      config.run({ ...core, user, input, prepared, release }),
    );
    if (config.revalidate) runtime.revalidate(config.revalidate(input, data as T));
    if (data instanceof Refusal) return { ok: false, error: toErrorBody(data.error) };
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}
