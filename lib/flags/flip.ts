import type { ActionContext } from "@/lib/action";
import type { AuditInput, Actor } from "@/lib/audit/append";
import { LOCK } from "@/lib/db/locks";
import { asSql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db";
import { formatDateTime } from "@/lib/format/time";
import { resolveFlagProvider } from "@/lib/flags/providers/registry";
import { FlagProviderUnavailable, type FlagProviderKind, type FlagState } from "@/lib/flags/providers/types";
import { tickFlagStep } from "@/lib/incidents/flag-step";
import { openConvergence } from "@/lib/flags/convergence/open";
import { applyCommitted } from "@/lib/flags/ofrep/flag-cache";
import { enqueueWebhooks, type WebhookEvent } from "@/lib/notify/webhooks";
import { countFlip } from "@/lib/metrics/record";
import { releaseHealth, snapshotOf, type HealthSnapshot } from "@/lib/signals/health";

// One flip of a release's kill switch, by a person or by auto-stop, inside the caller's
// transaction: compare-and-set against the state the caller saw through the release's provider,
// audited with the signal snapshot, announced live and to webhooks, all committing together.
// A provider failure is audited as a failed attempt. A conflict changes nothing and records nothing.

export type FlipOutcome =
  { kind: "applied"; state: FlagState } | { kind: "conflict"; message: string } | { kind: "failed"; message: string } | { kind: "missing"; message: string };

export interface FlipRequest {
  releaseId: string;
  expected: boolean;
  next: boolean;
  actor: Actor;
  reason?: string;
  // More facts for the flip's audit event (a four-eyes approval names its request).
  extra?: Record<string, unknown>;
  // Writes an audit event in the flip's transaction: the action's ctx.audit (which the wrapper
  // counts), or appendAudit for Switchback's own actors.
  audit: (event: Omit<AuditInput, "actor">) => Promise<void>;
  // The release's title and flag, when the caller has just read them (saves a round trip).
  release?: ReleaseRow;
  // The action's afterCommit: this instance's OFREP memory takes a built-in flip in at commit.
  afterCommit?: (fn: () => void) => void;
  // The signal snapshot to record, when the caller started reading it beside the transaction.
  snapshot?: Promise<HealthSnapshot>;
}

interface ReleaseRow {
  title: string;
  flagProvider: FlagProviderKind;
  flagKey: string;
  flagEnvironment: string;
}

const word = (enabled: boolean) => (enabled ? "on" : "off");
const actorRef = (actor: Actor) => ({ id: actor.type === "USER" ? actor.id : null, label: actor.label });

function conflictMessage(state: FlagState): string {
  const by = state.changedBy ? `: ${state.changedBy} turned it ${word(state.enabled)}${state.changedAt ? ` at ${formatDateTime(state.changedAt)}` : ""}` : "";
  return `The flag is already ${word(state.enabled)}${by}. Nothing was changed.`;
}

// Every flip's outcome is counted for /metrics (switchback_flips_total).
export const performFlip = async (tx: Tx, request: FlipRequest): Promise<FlipOutcome> => countFlip(await flipOnce(tx, request));

async function flipOnce(tx: Tx, request: FlipRequest): Promise<FlipOutcome> {
  const sql = asSql(tx);
  const { releaseId, expected, next, actor } = request;
  const [release] = request.release
    ? [request.release]
    : await sql.query<ReleaseRow>(
        `SELECT title, flag_provider::text AS "flagProvider", flag_key AS "flagKey", flag_environment AS "flagEnvironment" FROM releases WHERE id = $1::uuid`,
        [releaseId],
      );
  if (!release) return { kind: "missing", message: "That release does not exist." };
  if (!release.flagKey) return { kind: "missing", message: "This release has no feature flag configured; set one on the plan." };
  const flag = { key: release.flagKey, environment: release.flagEnvironment };
  const detail = { provider: release.flagProvider, ...flag };

  // Lock order, the same in every transaction that flips: the audit chain head, then the flag.
  // A Stop has appended its decision (holding the head) before it flips; a flip that took the
  // flag first and then waited for the head would deadlock with it. With a remote provider the
  // head stays held for the call (at most its 3 s timeout): other audited writes wait that long.
  // Flips of one flag never interleave across instances, whatever the provider (the advisory
  // lock). One statement takes both, in that order: the materialized CTE locks the head row
  // before the outer query asks for the flag's lock (one round trip fewer on the kill switch's path).
  await sql.query(
    `WITH head AS MATERIALIZED (SELECT 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE)
     SELECT (SELECT true FROM pg_advisory_xact_lock($1::int, hashtext($2))) AS locked FROM head`,
    [LOCK.flagFlip, `${release.flagProvider}:${flag.key}:${flag.environment}`],
  );
  const { provider, problem } = resolveFlagProvider(release.flagProvider, tx);
  let result;
  try {
    if (!provider) throw new FlagProviderUnavailable(`${problem} The flag was not changed.`);
    result = await provider.set(flag, expected, next, actorRef(actor));
  } catch (error) {
    if (!(error instanceof FlagProviderUnavailable)) throw error;
    await request.audit({
      action: "flag.flip_failed",
      releaseId,
      before: { ...detail, enabled: expected },
      after: { ...detail, enabled: next, error: error.message, reason: request.reason },
    });
    return { kind: "failed", message: error.message };
  }
  const where = provider.describe(flag);
  if (result.kind === "missing") return { kind: "missing", message: `The flag ${where} does not exist; nothing was changed.` };
  if (result.kind === "conflict") return { kind: "conflict", message: conflictMessage(result.state) };

  // A snapshot read beside the transaction that failed (a busy pool) is read again here: the flip
  // has happened at the provider, and its audit event must not be lost over a snapshot.
  const readHere = () => releaseHealth(sql, releaseId).then(snapshotOf);
  const snapshot = await (request.snapshot?.catch(readHere) ?? readHere());
  await request.audit({
    action: "flag.changed",
    releaseId,
    before: { ...detail, enabled: expected },
    after: { ...detail, enabled: next, reason: request.reason, ...request.extra, snapshot },
  });
  if (release.flagProvider === "BUILTIN") await openConvergence(sql, releaseId, flag);
  const { version } = result.state;
  if (release.flagProvider === "BUILTIN" && version !== undefined) {
    request.afterCommit?.(() => applyCommitted({ ...flag, enabled: next, version, deleted: false }));
  }
  const webhook: WebhookEvent = {
    type: "flip",
    releaseId,
    releaseTitle: release.title,
    text: `${actor.label} turned the flag ${where} ${word(next)} for “${release.title}”${request.reason ? `: ${request.reason}` : ""}`,
    data: { ...detail, enabled: next, actor: actor.label, reason: request.reason ?? null, snapshot },
  };
  await enqueueWebhooks(tx, webhook);
  // The runbook's flag step is done the moment the kill switch reads OFF, in the flip's transaction.
  if (!result.state.enabled) await tickFlagStep(tx, releaseId, provider.label);
  return { kind: "applied", state: result.state };
}

// A signed-in person's flip from an action on the release: who, the audit and the release's flag
// come from the action's context.
export function flipAsUser(ctx: ActionContext<unknown>, flip: Pick<FlipRequest, "expected" | "next" | "reason" | "extra" | "snapshot">): Promise<FlipOutcome> {
  const release = ctx.release;
  if (!release) throw new Error("A person's flip runs in an action with the release as its target.");
  return performFlip(ctx.tx, {
    ...flip,
    releaseId: release.id,
    actor: { type: "USER", id: ctx.user.id, label: ctx.user.name },
    audit: ctx.audit,
    afterCommit: ctx.afterCommit,
    release: { title: release.title, flagProvider: release.flag.provider, flagKey: release.flag.key, flagEnvironment: release.flag.environment },
  });
}
