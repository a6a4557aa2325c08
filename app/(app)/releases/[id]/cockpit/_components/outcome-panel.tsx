"use client";

import { useState } from "react";
import { abandonReleaseAction, markRolledBackAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { HeadedSection } from "@/components/ui/section";

// How a stopped release ends: rolled back, or abandoned. The decision owner's or an admin's record,
// with a written reason; it ends the release for good.
export function OutcomePanel({ releaseId }: { releaseId: string }) {
  const rolledBack = useMutation(markRolledBackAction);
  const abandon = useMutation(abandonReleaseAction);
  const [reason, setReason] = useState("");
  const pending = rolledBack.pending || abandon.pending;
  const error = rolledBack.error ?? abandon.error;
  return (
    <HeadedSection id="outcome-heading" title="Outcome" className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <FormError error={error} />
      <TextArea
        label="Why"
        id="outcome-reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={rolledBack.fieldError("reason") ?? abandon.fieldError("reason")}
        hint="Ends the release for good; recorded and sent to the webhooks."
      />
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} className={buttonClass("danger")} onClick={() => void rolledBack.run({ releaseId, reason })}>
          Mark rolled back
        </button>
        <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => void abandon.run({ releaseId, reason })}>
          Abandon release
        </button>
      </div>
    </HeadedSection>
  );
}
