import { StageStatusBadge } from "@/components/releases/status-badge";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format/time";
import { STAGE_LABEL, STAGE_PURPOSE } from "@/lib/releases/template";
import type { ReleasePlan } from "@/lib/releases/queries";

type Stage = ReleasePlan["stages"][number];

export function StageSection({ stage }: { stage: Stage }) {
  const headingId = `stage-${stage.kind.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {STAGE_LABEL[stage.kind]}
          </h2>
          <StageStatusBadge status={stage.status} />
        </div>
        <p className="text-sm text-slate-700">
          Owner: <span className="font-medium">{stage.owner?.name ?? "Unassigned"}</span>
        </p>
      </div>
      <p className="text-sm text-slate-600">{STAGE_PURPOSE[stage.kind]}</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">SQL</h3>
          {stage.sql ? (
            <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{stage.sql}</pre>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No SQL in this stage.</p>
          )}
        </div>
        <div className="space-y-4">
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Rollback note</h3>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{stage.rollbackNote || "None written yet."}</p>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Exit criteria</h3>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{stage.exitCriteria || "None written yet."}</p>
          </div>
        </div>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-800">Checklist</h3>
        <ul className="mt-2 space-y-1.5">
          {stage.checklistItems.map((item) => (
            <li key={item.id} className="flex items-start gap-2 text-sm">
              <span aria-hidden className={`mt-0.5 inline-block h-4 w-4 flex-none rounded border ${item.done ? "border-emerald-600 bg-emerald-600" : "border-slate-400"}`} />
              <span>
                <span className="sr-only">{item.done ? "Done: " : "Not done: "}</span>
                {item.text} {item.isProof && <Badge tone="warning">Proof</Badge>}
                {item.done && item.doneBy && (
                  <span className="block text-xs text-slate-500">
                    Ticked by {item.doneBy.name} at {formatDateTime(item.doneAt)}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
