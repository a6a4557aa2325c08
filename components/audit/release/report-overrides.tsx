import { describeAction } from "@/lib/audit/describe";
import { overrideReason } from "@/lib/audit/diff";
import { formatInstant } from "@/lib/format/time";
import type { AuditEntry } from "@/lib/audit/report/types";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";

// Every time someone went past a guard (lint errors at "ready", an owner reassigned after the
// deploy started, a stage completed despite its checklist), with the reason they wrote: the part
// of a release a reviewer must see first.
export function ReportOverrides({ events }: { events: AuditEntry[] }) {
  const overrides = events.flatMap((event) => {
    const reason = overrideReason(event.after);
    return reason ? [{ event, reason }] : [];
  });
  return (
    <HeadedSection id="overrides-heading" title="Overrides" className="break-inside-avoid space-y-2">
      {overrides.length === 0 ? (
        <p className="text-sm">No guard was overridden during this release.</p>
      ) : (
        <ReportTable columns={["When", "By", "What", "Reason"]}>
          {overrides.map(({ event, reason }) => (
            <tr key={event.id}>
              <td className={`${cell} whitespace-nowrap`}>{formatInstant(event.at)}</td>
              <td className={cell}>{event.actorLabel}</td>
              <td className={cell}>{describeAction(event.action, event.before, event.after)}</td>
              <td className={cell}>{reason}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </HeadedSection>
  );
}
