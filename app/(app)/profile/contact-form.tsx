"use client";

import { useState } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { TextInput } from "@/components/ui/form-controls";
import { MutationForm } from "@/components/ui/mutation-form";
import { updateContactAction } from "./actions";

export function ContactForm({ initial }: { initial: string }) {
  const [contact, setContact] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation(updateContactAction);
  return (
    <MutationForm
      className="max-w-lg space-y-3"
      error={save.error}
      onSubmit={() => {
        setSaved(false);
        void save.run({ contact }, () => setSaved(true));
      }}
    >
      <TextInput
        label="Contact"
        id="contact"
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        errors={save.fieldError("contact")}
        hint="A chat handle or a phone number. Shown beside your name wherever you are on a release's runbook."
      />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.pending} className={buttonClass()}>
          Save contact
        </button>
        {saved && (
          <p role="status" className="text-sm text-emerald-800">
            Saved.
          </p>
        )}
      </div>
    </MutationForm>
  );
}
