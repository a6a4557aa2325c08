import type { Metadata } from "next";
import { MAX_ATTEMPTS } from "@/lib/notify/dispatch";
import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENT_TYPES } from "@/lib/notify/webhooks";
import { listRecentDeliveries, listWebhooks } from "@/lib/notify/queries";
import { requireAdmin } from "@/lib/session";
import { RecentDeliveries } from "./recent-deliveries";
import { WebhookManager } from "./webhook-manager";

export const metadata: Metadata = { title: "Webhooks" };

// Labels are resolved here: the outbox module that owns them is server code. Stored event names
// are plain strings, so one this version does not know is shown as it is.
const labels: Partial<Record<string, string>> = WEBHOOK_EVENT_LABEL;
const eventLabel = (event: string) => labels[event] ?? event;

export default async function WebhooksPage() {
  await requireAdmin();
  const [webhooks, deliveries] = await Promise.all([listWebhooks(), listRecentDeliveries()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Switchback posts Slack-compatible JSON to these URLs on Go/Stop decisions, flag flips, auto-stops, automatic backfill pauses and completed stages.
          Failed deliveries are retried with growing pauses, up to {MAX_ATTEMPTS} attempts. Only public addresses are reached: loopback, private, link-local and
          metadata addresses are refused, when saved and again at every delivery, unless the server&apos;s WEBHOOK_ALLOW_PRIVATE setting allows them.
        </p>
      </div>
      <WebhookManager
        eventOptions={WEBHOOK_EVENT_TYPES.map((value) => ({ value, label: WEBHOOK_EVENT_LABEL[value] }))}
        webhooks={webhooks.map((w) => ({ ...w, events: w.events.map(eventLabel) }))}
      />
      <RecentDeliveries deliveries={deliveries.map((d) => ({ ...d, event: eventLabel(d.event) }))} />
    </div>
  );
}
