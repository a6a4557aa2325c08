import { describeEvent } from "@/lib/audit/describe";
import { formatInstant } from "@/lib/format/time";
import { eventWhy } from "@/lib/audit/report/markers";
import type { AuditEntry } from "@/lib/audit/report/types";

const cell = "border-b border-slate-200 py-1 pr-3 text-left align-top";

// Whether the flag really changed: a failed attempt (an auto-stop's included) is part of the
// record too, and the difference matters most there. The rows are lib/audit/report/kinds.ts
// flipRecords, one per attempt, so they add up to the summary's count.
const outcome = (event: AuditEntry): string => (event.action === "flag.flip_failed" ? "Failed" : "Applied");

export function ReportFlips({ flips }: { flips: AuditEntry[] }) {
  return (
    <section aria-labelledby="flips-heading" className="break-inside-avoid space-y-2">
      <h2 id="flips-heading" className="text-lg font-semibold">
        Flag flips
      </h2>
      {flips.length === 0 ? (
        <p className="text-sm">The flag was never flipped during this release.</p>
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
                  Why
                </th>
                <th scope="col" className={cell}>
                  Outcome
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
