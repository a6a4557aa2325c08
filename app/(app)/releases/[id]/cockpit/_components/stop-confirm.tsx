"use client";

import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";

// The one confirmation of a Stop: turning the flag off is the default (focused, so Enter takes it),
// keeping the flag is the deliberate choice, Escape goes back without calling anything.
export function StopConfirm({ pending, onStop, onCancel }: { pending: boolean; onStop: (flag: "off" | "keep") => void; onCancel: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-label="Confirm Stop"
      aria-describedby="stop-confirm-text"
      className="space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-600/30"
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <p id="stop-confirm-text" className="text-sm text-red-900">
        Stop the deploy. No stage completes until Go is called again. Turning the flag off sends everyone back to the old path at once.
      </p>
      <div className="flex flex-wrap gap-2">
        <button ref={first} type="button" disabled={pending} className={buttonClass("danger")} onClick={() => onStop("off")}>
          {pending ? "Stopping…" : "Stop and turn the flag off"}
        </button>
        <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => onStop("keep")}>
          Stop, keep the flag
        </button>
        <button type="button" className={buttonClass("ghost")} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
