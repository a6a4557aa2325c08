import { describeForFeed } from "@/lib/audit/describe";
import type { LiveAuditEvent } from "@/lib/live/events";
import { formatTimeOfDay } from "@/lib/format/time";
import { HeadedSection } from "@/components/ui/section";

export function ActivityFeed({ events }: { events: LiveAuditEvent[] }) {
  const latest = [...events].reverse().slice(0, 30);
  return (
    <HeadedSection id="activity-heading" title="Activity" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {latest.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing yet.</p>
      ) : (
        <ol aria-live="polite" className="max-h-96 space-y-1.5 overflow-y-auto text-sm">
          {latest.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at} className="font-mono text-xs text-slate-500">
                {formatTimeOfDay(new Date(event.at))}
              </time>{" "}
              <span className="font-medium">{event.actorLabel}</span> {describeForFeed(event.action, event.before, event.after)}
            </li>
          ))}
        </ol>
      )}
    </HeadedSection>
  );
}
