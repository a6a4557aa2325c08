"use client";

import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { fieldLabel } from "@/lib/audit/fields";
import type { Reapplied } from "@/lib/releases/reapply";

const names = (keys: string[]) => keys.map(fieldLabel).join(", ");

// After a save lost to someone else's: what they changed, and one button that keeps their change
// and applies this person's edits on top (the page is live, so their change is already here).
export function ReapplyPanel({ merged, pending, onReapply }: { merged: Reapplied; pending: boolean; onReapply: () => void }) {
  // The refusal sits at the top of a long form whose Save button is at the bottom: bring it into view once.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.scrollIntoView({ block: "center" }), []);
  return (
    <div ref={panel} className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-600/30">
      <p>
        {merged.theirs.length || merged.both.length ? (
          <>
            They changed {names([...merged.theirs, ...merged.both])}.
            {merged.both.length > 0 && ` You changed ${names(merged.both)} too: yours replaces theirs if you reapply.`}
          </>
        ) : (
          "Their change is in fields this form does not show (or has not reached this page yet)."
        )}{" "}
        Reapplying keeps their changes and saves yours on top.
      </p>
      <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={onReapply}>
        Reload and reapply
      </button>
    </div>
  );
}
