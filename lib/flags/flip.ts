import { appendAudit, AUDIT_CHANNEL, AUDIT_PARAMS, auditChainSql, auditNotifySql, prepareAudit, type Actor } from "@/lib/audit/append";
import { LOCK } from "@/lib/db/locks";
import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db";
import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import { formatDateTime } from "@/lib/format/time";
import { builtinProvider } from "@/lib/flags/builtin";
import { getFlagProvider, UNLEASH_NOT_CONFIGURED } from "@/lib/flags/registry";
import { FlagProviderUnavailable, type FlagState } from "@/lib/flags/types";
import { tickFlagStep } from "@/lib/incidents/flag-step";
import { enqueueWebhooks, webhookPayload, type WebhookEvent } from "@/lib/notify/webhooks";
import { releaseHealth, snapshotOf } from "@/lib/signals/health";

// One flip of a release's kill switch, by a person or by auto-stop: compare-and-set against the
// state the caller saw, audited with the signal snapshot, announced live and to webhooks.
// Built-in: the compare-and-set, the audit event, the webhook deliveries and the NOTIFY are ONE
// statement, after the chain head's lock (a flip is as fast as PostgreSQL allows). Other providers are
// called over the network inside a transaction that holds a per-flag lock (flips of one flag
// never interleave across instances), and a provider failure is audited as a failed attempt.
// A conflict changes nothing and records nothing.

export type FlipOutcome =
  | { kind: "applied"; state: FlagState }
  | { kind: "conflict"; message: string }
  | { kind: "failed"; message: string }
  | { kind: "missing"; message: string };

export interface FlipRequest {
  releaseId: string;
  expected: boolean;
  next: boolean;
  actor: Actor;
  reason?: string;
  // More facts for the flip's audit event (a four-eyes approval names its request).
  extra?: Record<string, unknown>;
  // Runs work in a transaction: a fresh one, or the caller's own.
  inTransaction: <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;
  // The release's title and flag, when the caller has just read them (saves a round trip).
  release?: ReleaseRow;
}

export interface ReleaseRow {
  title: string;
  flagProvider: "BUILTIN" | "UNLEASH";
  flagKey: string;
  flagEnvironment: string;
}

const word = (enabled: boolean) => (enabled ? "on" : "off");
const actorRef = (actor: Actor) => ({ id: actor.type === "USER" ? actor.id : null, label: actor.label });

function conflictMessage(state: FlagState): string {
  const by = state.changedBy ? `: ${state.changedBy} turned it ${word(state.enabled)}${state.changedAt ? ` at ${formatDateTime(state.changedAt)}` : ""}` : "";
  return `The flag is already ${word(state.enabled)}${by}. Nothing was changed.`;
}

export async function performFlip(db: Tx | Sql, request: FlipRequest): Promise<FlipOutcome> {
  const sql = asSql(db);
  const { releaseId, expected, next, actor } = request;
  const [release] = request.release
    ? [request.release]
    : await sql.query<ReleaseRow>(
        `SELECT title, flag_provider::text AS "flagProvider", flag_key AS "flagKey", flag_environment AS "flagEnvironment" FROM releases WHERE id = $1::uuid`,
        [releaseId],
        "flip_release",
      );
  if (!release) return { kind: "missing", message: "That release does not exist." };
  if (!release.flagKey) return { kind: "missing", message: "This release has no feature flag configured; set one on the plan." };
  const flag = { key: release.flagKey, environment: release.flagEnvironment };
  const detail = { provider: release.flagProvider, ...flag };
  const where = `${flag.key} in ${flag.environment} (${FLAG_PROVIDER_LABEL[release.flagProvider]})`;
  const snapshot = snapshotOf(await releaseHealth(sql, releaseId));
  const audit = { actor, action: "flag.changed", releaseId, before: { ...detail, enabled: expected }, after: { ...detail, enabled: next, reason: request.reason, ...request.extra, snapshot } };
  const webhook: WebhookEvent = {
    type: "flip",
    releaseId,
    releaseTitle: release.title,
    text: `${actor.label} turned the flag ${where} ${word(next)} for “${release.title}”${request.reason ? `: ${request.reason}` : ""}`,
    data: { ...detail, enabled: next, actor: actor.label, reason: request.reason ?? null, snapshot },
  };

  if (release.flagProvider === "BUILTIN") {
    // prepareAudit locks the chain head first (the key that links the event stays in this process),
    // so the compare-and-set runs in a transaction that holds that lock.
    const [applied] = await request.inTransaction(async (tx) => {
      const rows = await tx.query<{ enabled: boolean; updated_at: Date }>(
      `WITH flip AS (
         UPDATE flags SET enabled = $3, version = version + 1, updated_by_id = $5::uuid, updated_at = now()
          WHERE key = $1 AND environment = $2 AND enabled = $4
            -- No flip without the chain head its audit event needs.
            AND EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1)
         RETURNING enabled, updated_at),
       ${auditChainSql((n) => `$${n + 5}`, "EXISTS (SELECT 1 FROM flip)")},
       deliveries AS (
         INSERT INTO webhook_deliveries (webhook_id, event, payload)
         SELECT w.id, $${AUDIT_PARAMS + 6}, $${AUDIT_PARAMS + 7}::jsonb FROM webhooks w WHERE w.enabled AND $${AUDIT_PARAMS + 6} = ANY(w.events) AND EXISTS (SELECT 1 FROM flip))
       SELECT flip.enabled, flip.updated_at FROM flip, audited, ${auditNotifySql(`$${AUDIT_PARAMS + 8}`)}`,
      [flag.key, flag.environment, next, expected, actorRef(actor).id, ...(await prepareAudit(tx, audit)), webhook.type, JSON.stringify(webhookPayload(webhook, new Date())), AUDIT_CHANNEL],
      "flag_flip_builtin",
      );
      // The runbook's flag step is done the moment the kill switch reads OFF, in the flip's transaction.
      if (rows[0] && !next) await tickFlagStep(tx, releaseId, FLAG_PROVIDER_LABEL.BUILTIN);
      return rows;
    });
    if (applied) return { kind: "applied", state: { enabled: applied.enabled, changedAt: new Date(applied.updated_at), changedBy: actor.label, readAt: new Date() } };
    const state = await builtinProvider(sql).read(flag);
    return state ? { kind: "conflict", message: conflictMessage(state) } : { kind: "missing", message: `The flag ${where} does not exist; nothing was changed.` };
  }

  return request.inTransaction(async (tx) => {
    await tx.query("SELECT true AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))", [LOCK.flagFlip, `${release.flagProvider}:${flag.key}:${flag.environment}`]);
    const provider = getFlagProvider(release.flagProvider, tx);
    let result;
    try {
      if (!provider) throw new FlagProviderUnavailable(`${UNLEASH_NOT_CONFIGURED} The flag was not changed.`);
      result = await provider.set(flag, expected, next, actorRef(actor));
    } catch (error) {
      if (!(error instanceof FlagProviderUnavailable)) throw error;
      await appendAudit(tx, { actor, action: "flag.flip_failed", releaseId, before: audit.before, after: { ...detail, enabled: next, error: error.message, reason: request.reason } });
      return { kind: "failed", message: error.message } as const;
    }
    if (result.kind === "missing") return { kind: "missing", message: `The flag ${where} does not exist; nothing was changed.` } as const;
    if (result.kind === "conflict") return { kind: "conflict", message: conflictMessage(result.state) } as const;
    await appendAudit(tx, audit);
    await enqueueWebhooks(tx, webhook);
    if (!result.state.enabled) await tickFlagStep(tx, releaseId, FLAG_PROVIDER_LABEL[release.flagProvider]);
    return { kind: "applied", state: result.state } as const;
  });
}
