import { StageStatusBadge } from "@/components/releases/status-badge";
import { formatInstant } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";
import { STAGE_LABEL } from "@/lib/releases/template";

type Stage = ReleasePlan["stages"][number];

function Checklist({ items }: { items: Stage["checklistItems"] }) {
  if (items.length === 0) return <p>No checklist items.</p>;
  return (
    <ul className="space-y-0.5">
      {items.map((item) => (
        <li key={item.id}>
          {/* A word as well as a box: the state must survive a black-and-white printer. */}
          <span aria-hidden="true">{item.done ? "☑" : "☐"}</span> {item.text}
          {item.isProof && <span className="text-slate-600"> (proof)</span>}
          <span className="text-slate-600">
            {" — "}
            {item.done ? `ticked by ${item.doneBy?.name ?? "a removed user"}${item.doneAt ? ` at ${formatInstant(item.doneAt.getTime())}` : ""}` : "not ticked"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ReportStages({ stages }: { stages: Stage[] }) {
  return (
    <div className="space-y-3">
      {stages.map((stage) => (
        <section key={stage.id} aria-labelledby={`stage-${stage.id}`} className="break-inside-avoid space-y-1 rounded border border-slate-300 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={`stage-${stage.id}`} className="font-semibold">
              {STAGE_LABEL[stage.kind]}
            </h3>
            <StageStatusBadge status={stage.status} />
            <span className="text-slate-600">Owner: {stage.owner?.name ?? "unassigned"}</span>
          </div>
          {stage.sql ? (
            <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{stage.sql}</pre>
          ) : (
            <p className="text-slate-600">No SQL.</p>
          )}
          <p>
            <span className="font-medium">Rollback: </span>
            {stage.rollbackNote || "no rollback note"}
          </p>
          {stage.exitCriteria && (
            <p>
              <span className="font-medium">Exit criteria: </span>
              {stage.exitCriteria}
            </p>
          )}
          <Checklist items={stage.checklistItems} />
        </section>
      ))}
    </div>
  );
}
