"use client";

import { useConsumersLine } from "@/app/(app)/releases/[id]/cockpit/_components/use-consumers-line";
import type { ConsumersTone } from "@/lib/flags/convergence/view";

// "Consumers: 3, all on OFF (last one 0.4 s after the flip)": who reads the kill switch over OFREP
// and whether they have its current value, green once all do, amber while a change reaches them,
// red when one has not 60 s after it.

const TONE: Record<ConsumersTone, string> = {
  green: "text-emerald-800",
  amber: "text-amber-800",
  red: "font-medium text-red-700",
  none: "text-slate-700",
};
const DOT: Record<ConsumersTone, string> = { green: "bg-emerald-600", amber: "bg-amber-500", red: "bg-red-600", none: "bg-slate-400" };

export function ConsumersLine({ releaseId, refreshKey, className = "text-sm" }: { releaseId: string; refreshKey: string; className?: string }) {
  const { line, failed } = useConsumersLine(releaseId, refreshKey);
  const tone = line?.tone ?? "none";
  return (
    <div className={className} aria-live="polite" aria-busy={!line && !failed}>
      <p className={TONE[tone]}>
        <span aria-hidden="true" className={`mr-1.5 inline-block size-2 rounded-full align-middle ${DOT[tone]}`} />
        <span className="font-semibold">Consumers</span>: {line ? line.text : failed ? "Switchback could not read its consumers just now." : "checking…"}
      </p>
      {line?.gone && <p className="pl-3.5 text-xs text-slate-600">{line.gone}</p>}
    </div>
  );
}
