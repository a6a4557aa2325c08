import { formatInstant } from "@/lib/format/time";
import { readSnapshot } from "@/lib/audit/report/snapshot";
import type { ReportFacts } from "@/lib/audit/report/queries";
import { STAGE_LABEL } from "@/lib/releases/template";
import { HeadedSection } from "@/components/ui/section";
import { reportCell as cell, ReportTable } from "@/components/audit/release/report-table";

function Decision({ decision }: { decision: ReportFacts["decisions"][number] }) {
  const snapshot = readSnapshot(decision.snapshot);
  return (
    <li className="break-inside-avoid space-y-1 rounded border border-slate-300 p-3">
      <p>
        <strong>{decision.verdict}</strong> by {decision.actor.name} at {formatInstant(decision.createdAt.getTime())}
        {decision.stage && <> during {STAGE_LABEL[decision.stage.kind]}</>}
        {decision.reason && <>: {decision.reason}</>}
      </p>
      {snapshot.recommendation && <p className="text-slate-700">Switchback recommended {snapshot.recommendation}.</p>}
      {snapshot.rows.length === 0 ? (
        <p className="text-slate-600">The snapshot holds no signals.</p>
      ) : (
        <ReportTable columns={["Signal", "Value", "Status", "Why"]} caption="Signals at that instant" textSize="text-xs">
          {snapshot.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className={cell}>
                {row.name}
              </th>
              <td className={cell}>{row.value}</td>
              <td className={cell}>{row.status}</td>
              <td className={cell}>{row.reason ?? "—"}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </li>
  );
}

export function ReportDecisions({ decisions }: { decisions: ReportFacts["decisions"] }) {
  return (
    <HeadedSection id="decisions-heading" title="Decisions" className="space-y-2">
      {decisions.length === 0 ? (
        <p className="text-sm">No Go/Stop decision was recorded.</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {decisions.map((decision) => (
            <Decision key={decision.id} decision={decision} />
          ))}
        </ol>
      )}
    </HeadedSection>
  );
}
