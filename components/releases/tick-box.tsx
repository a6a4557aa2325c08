"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action";
import { useMutation, type ErrorSlot } from "@/components/hooks/use-mutation";
import { FormError } from "@/components/ui/form-error";

// A checklist tick that shows at once and goes back if the server refuses it; the page's next
// render (after revalidation) brings who ticked it and when. Given its checklist's error slot, a
// tick that works clears the checklist's earlier refusals, and a refused one joins them.
type Tick = (input: { releaseId: string; itemId: string; done: boolean }) => Promise<ActionResult<unknown>>;

// The page passes its own route's server action: the plan and the cockpit both tick checklists.
export function TickBox({
  releaseId,
  itemId,
  done,
  disabled,
  id,
  errors,
  action,
}: {
  releaseId: string;
  itemId: string;
  done: boolean;
  disabled: boolean;
  id: string;
  errors?: ErrorSlot;
  action: Tick;
}) {
  const tick = useMutation(action, errors && { slot: errors, owner: `tick:${itemId}` });
  // The tick shows at once and holds until the server's answer changes `done` (or is refused).
  const [optimistic, setOptimistic] = useState<{ checked: boolean; base: boolean } | null>(null);
  const checked = optimistic && optimistic.base === done ? optimistic.checked : done;
  return (
    <>
      <input
        type="checkbox"
        id={id}
        className="mt-0.5 h-4 w-4"
        checked={checked}
        disabled={disabled}
        onChange={(e) => {
          const next = e.target.checked;
          setOptimistic({ checked: next, base: done });
          void tick.run({ releaseId, itemId, done: next }).then((ok) => !ok && setOptimistic(null));
        }}
      />
      {tick.error && (
        <span className="basis-full">
          <FormError error={tick.error} />
        </span>
      )}
    </>
  );
}
