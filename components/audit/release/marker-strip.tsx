"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { MarkerShape } from "@/components/audit/release/marker-shape";
import { formatTimeOfDay } from "@/lib/format/time";
import { MARKER_KIND_LABEL, type TimelineMarker } from "@/lib/audit/report/markers";

// The audit events under the chart, on the same time axis. One tab stop for the whole strip
// (arrow keys, Home and End move between markers), so a busy deploy does not swallow the Tab key.
// Hover or focus shows who, what and why; Escape hides it. Each marker's accessible name carries
// the same text, since a screen reader does not see the card.

export function MarkerStrip({ markers, from, to, inset }: { markers: TimelineMarker[]; from: number; to: number; inset: { left: number; right: number } }) {
  const [shown, setShown] = useState<number | null>(null);
  const [remembered, setCurrent] = useState(0);
  // A narrower filter may leave fewer markers than the one last focused.
  const current = Math.min(remembered, Math.max(0, markers.length - 1));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const position = (at: number) => ((at - from) / (to - from)) * 100;

  function onKeyDown(event: KeyboardEvent) {
    const last = markers.length - 1;
    const moves: Record<string, number> = { ArrowRight: Math.min(current + 1, last), ArrowLeft: Math.max(current - 1, 0), Home: 0, End: last };
    const target = moves[event.key];
    if (event.key === "Escape") setShown(null);
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[target]?.focus();
  }

  if (markers.length === 0) return <p className="text-sm text-slate-600">No audit events in the deploy window match these filters.</p>;
  const card = shown === null ? undefined : markers[shown];
  return (
    <div
      role="toolbar"
      aria-label="Audit events on the timeline"
      onKeyDown={onKeyDown}
      className="relative h-8"
      style={{ marginLeft: inset.left, marginRight: inset.right }}
    >
      <div aria-hidden="true" className="absolute inset-x-0 top-1/2 border-t border-slate-300" />
      {markers.map((marker, i) => (
        <button
          key={marker.at}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          tabIndex={i === current ? 0 : -1}
          aria-label={marker.label}
          onFocus={() => {
            setCurrent(i);
            setShown(i);
          }}
          onBlur={() => setShown(null)}
          onMouseEnter={() => setShown(i)}
          onMouseLeave={() => setShown(null)}
          style={{ left: `${position(marker.at)}%` }}
          className="absolute top-1/2 flex -translate-x-1/2 -translate-y-1/2 items-center rounded bg-white p-0.5 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <MarkerShape kind={marker.kind} />
          {marker.items.length > 1 && <span className="text-[10px] font-semibold text-slate-700">{marker.items.length}</span>}
        </button>
      ))}
      {card && <MarkerCard marker={card} at={position(card.at)} />}
    </div>
  );
}

function MarkerCard({ marker, at }: { marker: TimelineMarker; at: number }) {
  // Kept inside the strip near either edge instead of running off the page.
  const shift = at < 20 ? "0%" : at > 80 ? "-100%" : "-50%";
  return (
    <div
      aria-hidden="true"
      className="absolute top-full z-10 mt-1 w-80 rounded-md bg-white p-3 text-sm shadow-lg ring-1 ring-slate-300"
      style={{ left: `${at}%`, transform: `translateX(${shift})` }}
    >
      <p className="flex items-center gap-1.5 font-medium">
        <MarkerShape kind={marker.kind} />
        {MARKER_KIND_LABEL[marker.kind]} · {formatTimeOfDay(marker.at)} UTC
      </p>
      <ul className="mt-1 space-y-1">
        {marker.items.map((item) => (
          <li key={item.id}>
            <span className="font-medium">{item.actor}</span> {item.what}
            {item.why && <span className="block text-slate-600">Why: {item.why}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
