import { describeEvent } from "@/lib/audit/describe";
import { formatInstant } from "@/lib/format/time";
import { eventWhy } from "@/lib/audit/report/markers";
import type { AuditEntry } from "@/lib/audit/report/types";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";

// Whether the flag really changed: a failed attempt (an auto-stop's included) is part of the
// record too, and the difference matters most there. The rows are lib/audit/report/kinds.ts
// flipRecords, one per attempt, so they add up to the summary's count.
const outcome = (event: AuditEntry): string => (event.action === "flag.flip_failed" ? "Failed" : "Applied");

export function ReportFlips({ flips }: { flips: AuditEntry[] }) {
  return (
    <HeadedSection id="flips-heading" title="Flag flips" className="break-inside-avoid space-y-2">
      {flips.length === 0 ? (
        <p className="text-sm">The flag was never flipped during this release.</p>
      ) : (
        <ReportTable columns={["When", "By", "What", "Why", "Outcome"]}>
          {flips.map((event) => {
            const what = describeEvent(event.action, event.before, event.after);
            return (
              <tr key={event.id}>
                <td className={`${cell} whitespace-nowrap`}>{formatInstant(event.at)}</td>
                <td className={cell}>{event.actorLabel}</td>
                <td className={cell}>{what}</td>
                <td className={cell}>{eventWhy(event, what) ?? "—"}</td>
                <td className={cell}>{outcome(event)}</td>
              </tr>
            );
          })}
        </ReportTable>
      )}
    </HeadedSection>
  );
}
