"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/ui/form-controls";
import { MutationForm } from "@/components/ui/mutation-form";

type Add = (input: { releaseId: string; text: string }) => Promise<ActionResult<{ added: true }>>;

// A line on the timeline during the deploy ("restarted worker-3"), live in everyone's feed.
export function AddNote({ releaseId, add }: { releaseId: string; add: Add }) {
  const [text, setText] = useState("");
  const mutation = useMutation(add);
  return (
    <MutationForm
      aria-label="Add note"
      className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      error={mutation.error}
      onSubmit={() => void mutation.run({ releaseId, text }, () => setText(""))}
    >
      <TextArea
        label="Note for the timeline"
        id="timeline-note"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        errors={mutation.fieldError("text")}
        hint="Shown in the activity feed, the audit trail and the report."
      />
      <button type="submit" disabled={mutation.pending} className={buttonClass("secondary")}>
        Add note
      </button>
    </MutationForm>
  );
}
