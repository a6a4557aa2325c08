import { COMPARATOR_SYMBOL, UNIT_LABEL, formatValue } from "@/lib/format/labels";
import type { ReleasePlan } from "@/lib/releases/queries";

export function CriteriaSection({ criteria }: { criteria: ReleasePlan["criteria"] }) {
  return (
    <section aria-labelledby="criteria" className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="criteria" className="text-lg font-semibold">
        Go/stop criteria
      </h2>
      {criteria.length === 0 ? (
        <p className="text-sm text-slate-600">No criteria yet. Missing or stale data never counts as healthy.</p>
      ) : (
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">Signal</th>
              <th scope="col" className="py-2 pr-4">Warn when</th>
              <th scope="col" className="py-2 pr-4">Stop when</th>
              <th scope="col" className="py-2 pr-4">Window</th>
              <th scope="col" className="py-2">Unit</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {criteria.map((criterion) => {
              const symbol = COMPARATOR_SYMBOL[criterion.comparator];
              const unit = criterion.signal.unit;
              return (
                <tr key={criterion.id}>
                  <td className="py-2 pr-4 font-medium">{criterion.signal.name}</td>
                  <td className="py-2 pr-4">{criterion.warnThreshold === null ? "—" : `${symbol} ${formatValue(criterion.warnThreshold, unit)}`}</td>
                  <td className="py-2 pr-4">{criterion.stopThreshold === null ? "—" : `${symbol} ${formatValue(criterion.stopThreshold, unit)}`}</td>
                  <td className="py-2 pr-4">{criterion.windowSeconds} s</td>
                  <td className="py-2">{UNIT_LABEL[unit]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
