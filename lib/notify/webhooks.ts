import type { Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import { toJson } from "@/lib/audit/chain";
import { env } from "@/lib/env";

// The webhook outbox. Events are written as delivery rows inside the transaction of the action
// that causes them, so a rolled-back action sends nothing and a committed one cannot lose its
// notification; the dispatcher does the network part afterwards.

export type WebhookEventType = "decision" | "flip" | "auto_stop" | "auto_pause" | "stage_complete" | "outcome" | "audit_checkpoint";

export const WEBHOOK_EVENT_TYPES: WebhookEventType[] = ["decision", "flip", "auto_stop", "auto_pause", "stage_complete", "outcome", "audit_checkpoint"];

export const WEBHOOK_EVENT_LABEL: Record<WebhookEventType, string> = {
  decision: "Go/Stop decisions",
  flip: "Flag flips",
  auto_stop: "Auto-stops",
  auto_pause: "Automatic backfill pauses",
  stage_complete: "Stage completions",
  outcome: "Release outcomes (rolled back, abandoned)",
  audit_checkpoint: "Signed audit checkpoints",
};

export interface WebhookEvent {
  type: WebhookEventType;
  // null for events of no release (an audit checkpoint).
  releaseId: string | null;
  releaseTitle: string | null;
  // Plain words, e.g. "Alice turned the flag off for Split users.full_name"; escaped for Slack here.
  text: string;
  data: Record<string, unknown>;
}

// Slack reads &, < and > in text as markup (links, mentions); a release title must not become one.
const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

// The exact JSON body a receiver gets: Slack's incoming-webhook shape plus our own fields.
// With PUBLIC_URL set, a release's message links to its cockpit: the person on call opens it from chat.
export function webhookPayload(event: WebhookEvent, occurredAt: Date, publicUrl = env.PUBLIC_URL) {
  const url = publicUrl && event.releaseId ? new URL(`/releases/${event.releaseId}/cockpit`, publicUrl).toString() : null;
  const text = escapeMrkdwn(event.text) + (url ? ` <${url}|Open the cockpit>` : "");
  return {
    text,
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
    switchback: {
      type: event.type,
      releaseId: event.releaseId,
      releaseTitle: event.releaseTitle,
      url,
      data: toJson(event.data),
      occurredAt: occurredAt.toISOString(),
    },
  };
}

/** Queues one delivery per enabled webhook subscribed to the event; returns how many. */
export async function enqueueWebhooks(db: Tx | Sql, event: WebhookEvent): Promise<number> {
  // One statement: this runs inside every flip, where each round trip counts.
  const rows = await asSql(db).query<{ id: string }>(
    `INSERT INTO webhook_deliveries (webhook_id, event, payload)
     SELECT id, $1, $2::jsonb FROM webhooks WHERE enabled AND $1 = ANY(events)
     RETURNING id::text AS id`,
    [event.type, JSON.stringify(webhookPayload(event, new Date()))],
  );
  return rows.length;
}
