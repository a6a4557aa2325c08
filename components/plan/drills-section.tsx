import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";

export function DrillsSection({ drills }: { drills: ReleasePlan["drills"] }) {
  return (
    <section aria-labelledby="drills" className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="drills" className="text-lg font-semibold">
        Rollback drills
      </h2>
      {drills.length === 0 ? (
        <p className="text-sm text-slate-600">No rollback drill recorded yet.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {drills.map((drill) => (
            <li key={drill.id} className="flex flex-wrap items-baseline gap-2">
              <span className="font-medium">{formatDate(drill.performedOn)}</span>
              <Badge tone={drill.result === "PASSED" ? "success" : "danger"}>{drill.result === "PASSED" ? "Passed" : "Failed"}</Badge>
              <span className="text-slate-700">{drill.notes}</span>
              {drill.recordedBy && <span className="text-xs text-slate-500">recorded by {drill.recordedBy.name}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
