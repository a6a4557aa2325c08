import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format/time";
import type { RecentDelivery } from "@/lib/notify/queries";

const STATUS: Record<RecentDelivery["status"], { label: string; tone: Tone }> = {
  PENDING: { label: "Pending", tone: "warning" },
  DELIVERED: { label: "Delivered", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

function lastAnswer(d: RecentDelivery): string {
  if (d.lastError) return d.lastError;
  return d.lastStatusCode === null ? "—" : `HTTP ${d.lastStatusCode}`;
}

export function RecentDeliveries({ deliveries }: { deliveries: RecentDelivery[] }) {
  return (
    <section aria-labelledby="recent-deliveries" className="space-y-2">
      <h2 id="recent-deliveries" className="text-lg font-semibold">
        Recent deliveries
      </h2>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has been sent yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table aria-labelledby="recent-deliveries" className="min-w-full divide-y divide-slate-200 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Webhook</th>
                <th scope="col" className="px-3 py-2">Event</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Attempts</th>
                <th scope="col" className="px-3 py-2">Last answer</th>
                <th scope="col" className="px-3 py-2">Next attempt</th>
                <th scope="col" className="px-3 py-2">Delivered</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="px-3 py-2">{d.webhook.name}</td>
                  <td className="px-3 py-2">
                    {d.event} <span className="block text-xs text-slate-500">{formatDateTime(d.createdAt)}</span>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
                  <td className="px-3 py-2">{lastAnswer(d)}</td>
                  <td className="px-3 py-2">{d.status === "PENDING" ? formatDateTime(d.nextAttemptAt) : "—"}</td>
                  <td className="px-3 py-2">{formatDateTime(d.deliveredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
