"use client";

import { Sparkline } from "@/components/charts/sparkline";
import { COMPARATOR_SYMBOL, formatValue } from "@/lib/format/labels";
import type { CriterionSpec, CriterionStatus, Evaluation, SamplePoint } from "@/lib/signals/evaluate";
import type { SignalInfo } from "@/lib/signals/health";

const LOOK: Record<CriterionStatus | "NONE", { box: string; text: string; line: string; label: string }> = {
  OK: { box: "border-emerald-300 bg-emerald-50", text: "text-emerald-800", line: "#059669", label: "OK" },
  WARN: { box: "border-amber-300 bg-amber-50", text: "text-amber-900", line: "#d97706", label: "WARN" },
  STOP: { box: "border-red-400 bg-red-50", text: "text-red-800", line: "#dc2626", label: "STOP" },
  STALE: { box: "border-slate-400 bg-slate-100 border-dashed", text: "text-slate-700", line: "#64748b", label: "STALE" },
  NONE: { box: "border-slate-200 bg-white", text: "text-slate-600", line: "#4f46e5", label: "No criterion" },
};

function Tile({ signal, spec, evaluation, points }: { signal: SignalInfo; spec?: CriterionSpec; evaluation?: Evaluation; points: SamplePoint[] }) {
  const status = evaluation?.status ?? "NONE";
  const look = LOOK[status];
  const latest = evaluation ? evaluation.value : (points.at(-1)?.value ?? null);
  const rising = spec ? spec.comparator === "GT" || spec.comparator === "GTE" : true;
  return (
    <li aria-label={`${signal.name}: ${look.label}`} className={`space-y-1 rounded-lg border-2 p-3 ${look.box}`}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-800">{signal.name}</h3>
        <span className={`text-xs font-bold tracking-wide ${look.text}`}>{look.label}</span>
      </div>
      <p className="text-2xl font-semibold tabular-nums text-slate-900">{formatValue(latest, signal.unit)}</p>
      <Sparkline points={points.slice(-60)} stop={spec?.stopThreshold ?? null} rising={rising} color={look.line} />
      <p className="text-xs text-slate-600">
        {spec
          ? [
              spec.warnThreshold !== null && `warn ${COMPARATOR_SYMBOL[spec.comparator]} ${formatValue(spec.warnThreshold, spec.unit)}`,
              spec.stopThreshold !== null && `stop ${COMPARATOR_SYMBOL[spec.comparator]} ${formatValue(spec.stopThreshold, spec.unit)}`,
            ]
              .filter(Boolean)
              .join(" · ")
          : "Shown for context; no threshold."}
        {signal.source === "DEMO" && " · demo data"}
      </p>
      {evaluation && status !== "OK" && <p className={`text-xs ${look.text}`}>{evaluation.reason}</p>}
      {signal.lastError && <p className="text-xs text-red-700">{signal.lastError}</p>}
    </li>
  );
}

export function HealthTiles({
  signals,
  specs,
  evaluations,
  samplesByKey,
}: {
  signals: SignalInfo[];
  specs: CriterionSpec[];
  evaluations: Evaluation[];
  samplesByKey: Record<string, SamplePoint[]>;
}) {
  return (
    <section aria-label="Health signals" className="space-y-2">
      <h2 className="text-lg font-semibold">Health signals</h2>
      {signals.length === 0 ? (
        <p className="text-sm text-slate-600">No signals yet: add go/stop criteria to the plan.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {signals.map((signal) => {
            const spec = specs.find((s) => s.signalKey === signal.key);
            return (
              <Tile
                key={signal.key}
                signal={signal}
                spec={spec}
                evaluation={spec && evaluations.find((e) => e.criterionId === spec.id)}
                points={samplesByKey[signal.key] ?? []}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}
