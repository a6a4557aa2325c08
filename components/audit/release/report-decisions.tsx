import { formatInstant } from "@/lib/format/time";
import { readSnapshot } from "@/lib/audit/report/snapshot";
import type { ReportFacts } from "@/lib/audit/report/queries";
import { STAGE_LABEL } from "@/lib/releases/template";

const cell = "border-b border-slate-200 py-1 pr-3 text-left align-top";

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
        <div tabIndex={0} className="relative overflow-x-auto">
          <table className="w-full text-xs">
            <caption className="text-left text-slate-600">Signals at that instant</caption>
            <thead>
              <tr>
                <th scope="col" className={cell}>
                  Signal
                </th>
                <th scope="col" className={cell}>
                  Value
                </th>
                <th scope="col" className={cell}>
                  Status
                </th>
                <th scope="col" className={cell}>
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export function ReportDecisions({ decisions }: { decisions: ReportFacts["decisions"] }) {
  return (
    <section aria-labelledby="decisions-heading" className="space-y-2">
      <h2 id="decisions-heading" className="text-lg font-semibold">
        Decisions
      </h2>
      {decisions.length === 0 ? (
        <p className="text-sm">No Go/Stop decision was recorded.</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {decisions.map((decision) => (
            <Decision key={decision.id} decision={decision} />
          ))}
        </ol>
      )}
    </section>
  );
}
