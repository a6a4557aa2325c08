import { withFlagState, type Recommendation } from "@/lib/signals/recommend";

const LOOK = {
  // 700 shades: white small text needs 4.5:1 contrast (axe), which the 600 shades miss.
  GO: "bg-emerald-700 text-white",
  STOP: "bg-red-700 text-white",
  HOLD: "bg-slate-700 text-white",
  FLAG_OFF: "bg-slate-700 text-white",
} as const;

const WORD = { GO: "GO", STOP: "STOP", HOLD: "HOLD — insufficient data", FLAG_OFF: "NEW PATH OFF" } as const;

// The flag state is the provider's, read by the page: the banner may not say GO over a flag that is off.
export function RecommendationBanner({ recommendation, flagEnabled }: { recommendation: Recommendation; flagEnabled: boolean | null }) {
  const shown = withFlagState(recommendation, flagEnabled);
  return (
    <div role="status" aria-label="Recommendation" className={`flex flex-wrap items-baseline gap-3 rounded-lg px-4 py-3 ${LOOK[shown.verdict]}`}>
      <span className="text-xs font-semibold uppercase tracking-wider">Recommendation</span>
      <span className="text-xl font-bold">{WORD[shown.verdict]}</span>
      <span className="text-sm">{shown.reason}</span>
    </div>
  );
}
