import type { Recommendation } from "@/lib/signals/evaluate";

const LOOK = {
  GO: "bg-emerald-600 text-white",
  STOP: "bg-red-600 text-white",
  HOLD: "bg-slate-700 text-white",
} as const;

const WORD = { GO: "GO", STOP: "STOP", HOLD: "HOLD — insufficient data" } as const;

export function RecommendationBanner({ recommendation }: { recommendation: Recommendation }) {
  return (
    <div role="status" aria-label="Recommendation" className={`flex flex-wrap items-baseline gap-3 rounded-lg px-4 py-3 ${LOOK[recommendation.verdict]}`}>
      <span className="text-xs font-semibold uppercase tracking-wider opacity-80">Recommendation</span>
      <span className="text-xl font-bold">{WORD[recommendation.verdict]}</span>
      <span className="text-sm">{recommendation.reason}</span>
    </div>
  );
}
