"use client";

import { useEffect, useState } from "react";
import { tickChecklistItem } from "@/app/(app)/releases/[id]/actions";
import { useMutation, type ErrorSlot } from "@/components/plan/use-mutation";
import { FormError } from "@/components/ui/form-error";

// A checklist tick that shows at once and goes back if the server refuses it; the page's next
// render (after revalidation) brings who ticked it and when. Given its checklist's error slot, a
// tick that works clears the checklist's earlier refusals, and a refused one joins them.
export function TickBox({ releaseId, itemId, done, disabled, id, errors }: { releaseId: string; itemId: string; done: boolean; disabled: boolean; id: string; errors?: ErrorSlot }) {
  const tick = useMutation(tickChecklistItem, errors && { slot: errors, owner: `tick:${itemId}` });
  const [checked, setChecked] = useState(done);
  useEffect(() => setChecked(done), [done]);
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
          setChecked(next);
          void tick.run({ releaseId, itemId, done: next }).then((ok) => !ok && setChecked(!next));
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
