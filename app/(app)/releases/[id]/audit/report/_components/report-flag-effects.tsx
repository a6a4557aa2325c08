import { automaticActions, backfillChanges, flipReaches, type FlipReach, type SwitchRow } from "@/lib/audit/report/flag-effects";
import type { AuditEntry } from "@/lib/audit/report/types";
import { formatInstant } from "@/lib/format/time";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";

// Whether the kill switch took effect and the backfill's pause button was used, from the record:
// each flip from click to every consumer, each pause and resume, and Switchback's own actions
// with the sentence each one wrote.

const OUTCOME: Record<FlipReach["outcome"], string> = { reached: "", lagging: "font-semibold text-red-800", unknown: "text-slate-600" };

export function ReportFlagEffects({ events }: { events: AuditEntry[] }) {
  const flips = flipReaches(events);
  const backfill = backfillChanges(events);
  const automatic = automaticActions(events);
  return (
    <HeadedSection id="flag-effect-heading" title="The kill switch taking effect" className="break-inside-avoid space-y-3">
      <HeadedSection id="flip-reach-heading" title="Flips reaching consumers" level={3} className="space-y-1">
        {flips.length === 0 ? (
          <p>The flag was never flipped during this release.</p>
        ) : (
          <ReportTable columns={["Clicked", "By", "What", "Consumers"]}>
            {flips.map((flip) => (
              <tr key={flip.id}>
                <td className={`${cell} whitespace-nowrap`}>{formatInstant(flip.at)}</td>
                <td className={cell}>{flip.actor}</td>
                <td className={cell}>{flip.what}</td>
                <td className={`${cell} ${OUTCOME[flip.outcome]}`}>{flip.reach}</td>
              </tr>
            ))}
          </ReportTable>
        )}
      </HeadedSection>
      <HeadedSection id="backfill-heading" title="Backfill pauses and resumes" level={3} className="space-y-1">
        {backfill.length === 0 ? <p>The backfill was never paused during this release.</p> : <SwitchTable rows={backfill} />}
      </HeadedSection>
      <HeadedSection id="automatic-heading" title="Automatic actions" level={3} className="space-y-1">
        {automatic.length === 0 ? <p>Switchback took no automatic action during this release.</p> : <SwitchTable rows={automatic} />}
      </HeadedSection>
    </HeadedSection>
  );
}

function SwitchTable({ rows }: { rows: SwitchRow[] }) {
  return (
    <ReportTable columns={["When", "By", "What", "Why"]}>
      {rows.map((row) => (
        <tr key={row.id}>
          <td className={`${cell} whitespace-nowrap`}>{formatInstant(row.at)}</td>
          <td className={cell}>{row.actor}</td>
          <td className={cell}>{row.what}</td>
          <td className={cell}>{row.why ?? "—"}</td>
        </tr>
      ))}
    </ReportTable>
  );
}
