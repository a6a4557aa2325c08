import { describeAction } from "@/lib/audit/describe";
import { overrideReason } from "@/lib/audit/diff";
import { formatInstant } from "@/lib/format/time";
import type { AuditEntry } from "@/lib/audit/report/types";

const cell = "border-b border-slate-200 py-1 pr-3 text-left align-top";

// Every time someone went past a guard (lint errors at "ready", an owner reassigned after the
// deploy started, a stage completed despite its checklist), with the reason they wrote: the part
// of a release a reviewer must see first.
export function ReportOverrides({ events }: { events: AuditEntry[] }) {
  const overrides = events.flatMap((event) => {
    const reason = overrideReason(event.after);
    return reason ? [{ event, reason }] : [];
  });
  return (
    <section aria-labelledby="overrides-heading" className="break-inside-avoid space-y-2">
      <h2 id="overrides-heading" className="text-lg font-semibold">
        Overrides
      </h2>
      {overrides.length === 0 ? (
        <p className="text-sm">No guard was overridden during this release.</p>
      ) : (
        <div tabIndex={0} className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className={cell}>
                  When
                </th>
                <th scope="col" className={cell}>
                  By
                </th>
                <th scope="col" className={cell}>
                  What
                </th>
                <th scope="col" className={cell}>
                  Reason
                </th>
              </tr>
            </thead>
            <tbody>
              {overrides.map(({ event, reason }) => (
                <tr key={event.id}>
                  <td className={`${cell} whitespace-nowrap`}>{formatInstant(event.at)}</td>
                  <td className={cell}>{event.actorLabel}</td>
                  <td className={cell}>{describeAction(event.action, event.before, event.after)}</td>
                  <td className={cell}>{reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
