"use client";

import { useState } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { Select, TextArea, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { MutationForm } from "@/components/ui/mutation-form";
import type { ReviewView } from "@/lib/releases/review-queries";
import { addFollowUpAction, removeFollowUpAction, saveReviewSummaryAction } from "../actions";

interface Props {
  releaseId: string;
  review: Pick<ReviewView, "summary" | "version"> & { followUps: { id: string; text: string }[] };
  people: { id: string; name: string }[];
}

// Writing the review after the release: the summary (guarded by its version) and follow-ups.
// Not printed: the printed report shows the review itself above.
export function ReviewEditor({ releaseId, review, people }: Props) {
  const [summary, setSummary] = useState(review.summary);
  const [version, setVersion] = useState(review.version);
  const [text, setText] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const save = useMutation(saveReviewSummaryAction);
  const add = useMutation(addFollowUpAction);
  const remove = useMutation(removeFollowUpAction);
  return (
    <div className="no-print space-y-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <MutationForm
        className="space-y-2"
        error={save.error}
        onSubmit={() => void save.run({ releaseId, summary, expectedVersion: version }, (data) => setVersion(data.version))}
      >
        <TextArea
          label="What happened"
          id="review-summary"
          rows={5}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          errors={save.fieldError("summary")}
        />
        <button type="submit" disabled={save.pending} className={buttonClass()}>
          Save review
        </button>
      </MutationForm>
      <MutationForm className="space-y-2" error={add.error} onSubmit={() => void add.run({ releaseId, text, ownerId: ownerId || null }, () => setText(""))}>
        <div className="grid gap-2 sm:grid-cols-[2fr_1fr]">
          <TextInput label="Follow-up" id="follow-up-text" value={text} onChange={(e) => setText(e.target.value)} errors={add.fieldError("text")} />
          <Select
            label="Owner"
            id="follow-up-owner"
            value={ownerId}
            onChange={(e) => setOwnerId(e.target.value)}
            errors={add.fieldError("ownerId")}
            options={[{ value: "", label: "Nobody yet" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
          />
        </div>
        <button type="submit" disabled={add.pending} className={buttonClass("secondary")}>
          Add follow-up
        </button>
      </MutationForm>
      {review.followUps.length > 0 && (
        <div className="space-y-1">
          <FormError error={remove.error} />
          <ul className="space-y-1 text-sm">
            {review.followUps.map((f) => (
              <li key={f.id} className="flex items-center justify-between gap-2">
                <span className="min-w-0 break-words">{f.text}</span>
                <button
                  type="button"
                  disabled={remove.pending}
                  className={buttonClass("ghost")}
                  aria-label={`Remove follow-up: ${f.text}`}
                  onClick={() => void remove.run({ releaseId, followUpId: f.id })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
