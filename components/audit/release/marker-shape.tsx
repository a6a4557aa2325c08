import type { ReactNode } from "react";
import { MARKER_KIND_LABEL, type MarkerKind } from "@/lib/audit/report/markers";

// Each kind of marker differs by shape and by dash pattern as well as by colour, so the timeline
// reads in greyscale, in print and for people who do not tell the colours apart.

export const MARKER_COLOR: Record<MarkerKind, string> = { decision: "#7c3aed", flip: "#dc2626", stage: "#0369a1", other: "#475569" };

export const MARKER_DASH: Record<MarkerKind, string> = { decision: "6 2", flip: "2 2", stage: "8 4 2 4", other: "1 4" };

const SHAPE: Record<MarkerKind, ReactNode> = {
  decision: <polygon points="6,0 12,6 6,12 0,6" />,
  flip: <polygon points="0,1 12,1 6,11" />,
  stage: <rect x="1" y="1" width="10" height="10" />,
  other: <circle cx="6" cy="6" r="5" />,
};

export function MarkerShape({ kind, size = 12 }: { kind: MarkerKind; size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 12 12" fill={MARKER_COLOR[kind]} className="shrink-0">
      {SHAPE[kind]}
    </svg>
  );
}

export function MarkerLegend() {
  return (
    <ul aria-label="Marker legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {(Object.keys(MARKER_KIND_LABEL) as MarkerKind[]).map((kind) => (
        <li key={kind} className="flex items-center gap-1.5">
          <MarkerShape kind={kind} />
          {MARKER_KIND_LABEL[kind]}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block w-5 border-t-2 border-dashed border-amber-600" />
        Warn line
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block w-5 border-t-2 border-red-600" />
        Stop line
      </li>
    </ul>
  );
}
