"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/ui/form-controls";
import { MutationForm } from "@/components/ui/mutation-form";
import { SubmitOrCancel } from "@/components/ui/submit-or-cancel";

type Start = (input: { releaseId: string; reason: string }) => Promise<ActionResult<{ id: string }>>;

// Something is wrong but nobody has called Stop yet: start the first ten minutes by hand.
export function StartIncident({ releaseId, start }: { releaseId: string; start: Start }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const mutation = useMutation(start);
  if (!open) {
    return (
      <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(true)}>
        Start incident
      </button>
    );
  }
  return (
    <MutationForm className="space-y-2" error={mutation.error} onSubmit={() => void mutation.run({ releaseId, reason }, () => setOpen(false))}>
      <TextArea
        label="What is happening"
        id="incident-reason"
        rows={2}
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={mutation.fieldError("reason")}
        hint="Starts the ten-minute clock and turns the runbook into a live checklist for its assignees."
      />
      <SubmitOrCancel pending={mutation.pending} onCancel={() => setOpen(false)} variant="danger" className="flex flex-wrap gap-2">
        Start the clock
      </SubmitOrCancel>
    </MutationForm>
  );
}
