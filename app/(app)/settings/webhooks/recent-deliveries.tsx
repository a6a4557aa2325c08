import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format/time";
import type { RecentDelivery } from "@/lib/notify/queries";
import { DataTable } from "@/components/ui/table";
import { HeadedSection } from "@/components/ui/section";

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
    <HeadedSection id="recent-deliveries" title="Recent deliveries" className="space-y-2">
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has been sent yet.</p>
      ) : (
        <DataTable
          columns={[
            { label: "Webhook" },
            { label: "Event" },
            { label: "Status" },
            { label: "Attempts" },
            { label: "Last answer" },
            { label: "Next attempt" },
            { label: "Delivered" },
          ]}
          labelledBy="recent-deliveries"
        >
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
        </DataTable>
      )}
    </HeadedSection>
  );
}
