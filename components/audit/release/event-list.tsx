import { ChangeDetails } from "@/components/audit/change-details";
import { Badge, type Tone } from "@/components/ui/badge";
import { describeEvent } from "@/lib/audit/describe";
import { formatInstant } from "@/lib/format/time";
import { eventKind, KIND_LABEL, type EventKind } from "@/lib/audit/report/kinds";
import { eventWhy } from "@/lib/audit/report/markers";
import type { AuditEntry } from "@/lib/audit/report/types";

const TONE: Record<EventKind, Tone> = { decisions: "info", flips: "danger", stages: "success", plan: "neutral", checklist: "neutral", other: "neutral" };

function EventRow({ event, names }: { event: AuditEntry; names: ReadonlyMap<string, string> }) {
  const what = describeEvent(event.action, event.before, event.after);
  const why = eventWhy(event, what);
  const kind = eventKind(event.action);
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <time dateTime={new Date(event.at).toISOString()} className="font-mono text-xs text-slate-500">
          {formatInstant(event.at)}
        </time>
        <Badge tone={TONE[kind]}>{KIND_LABEL[kind]}</Badge>
        <span className="font-medium">
          {event.actorLabel}
          {event.actorType === "SYSTEM" && <span className="font-normal text-slate-500"> (system)</span>}
        </span>
        <span>{what}</span>
      </div>
      {why && <p className="text-slate-600">Why: {why}</p>}
      <ChangeDetails action={event.action} before={event.before} after={event.after} names={names} />
    </li>
  );
}

// Oldest first: the trail reads as the story of the release.
export function EventList({ events, total, truncated }: { events: AuditEntry[]; total: number; truncated: boolean }) {
  // The people who acted on this release are the ones its events most often assign.
  const names = new Map(events.flatMap((e) => (e.actorId ? [[e.actorId, e.actorLabel] as const] : [])));
  return (
    <section aria-labelledby="events-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="events-heading" className="text-lg font-semibold">
          Events
        </h2>
        <p className="text-sm text-slate-600">
          {events.length === total ? `${total} event${total === 1 ? "" : "s"}` : `${events.length} of ${total} events`}, oldest first, times in UTC
        </p>
      </div>
      {truncated && <p className="text-sm text-amber-900">Only the first {total.toLocaleString("en-US")} events are listed here; the export has them all.</p>}
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">No events match these filters.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {events.map((event) => (
            <EventRow key={event.id} event={event} names={names} />
          ))}
        </ol>
      )}
    </section>
  );
}
