"use client";

import { useEffect, useRef, useState } from "react";
import { SubmitOrCancel } from "@/components/ui/submit-or-cancel";

interface Props {
  next: boolean;
  environment: string;
  pending: boolean;
  fourEyes: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

// One confirmation for both directions of the kill switch, because both move every user at once.
// The reason field takes focus: Enter flips straight away (a reason is optional, a delay in an
// incident is not), and Escape goes back without calling anything.
export function FlipConfirm({ next, environment, pending, fourEyes, onConfirm, onCancel }: Props) {
  const [reason, setReason] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const word = next ? "on" : "off";
  const tone = next ? "bg-amber-50 ring-amber-600/30 text-amber-950" : "bg-red-50 ring-red-600/20 text-red-900";
  const consequence = next
    ? fourEyes
      ? `This asks the backup or an admin to turn it on; then everyone in ${environment} takes the new path at once.`
      : `Everyone in ${environment} takes the new path at once.`
    : `Everyone in ${environment} goes back to the old path at once.`;
  return (
    <form
      role="group"
      aria-label={`Confirm turning the flag ${word}`}
      className={`space-y-2 rounded-md p-3 ring-1 ${tone}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(reason);
      }}
    >
      <p className="text-sm">{consequence}</p>
      <label className="block text-sm font-medium">
        Reason for turning it {word} (optional)
        <input
          ref={field}
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
          className="mt-1 block w-full rounded-md bg-white px-2 py-1 font-normal text-slate-900 ring-1 ring-slate-300"
        />
      </label>
      <SubmitOrCancel pending={pending} onCancel={onCancel} variant={next ? "primary" : "danger"} className="flex flex-wrap gap-2">
        {pending ? `Turning ${word}…` : `Yes, turn it ${word}`}
      </SubmitOrCancel>
    </form>
  );
}
