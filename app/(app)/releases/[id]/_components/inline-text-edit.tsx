"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError, FormError } from "@/components/ui/form-error";
import type { ErrorBody } from "@/lib/errors";

// Edits one line of text in place. Saving sends the text it started from, so the server can
// refuse when someone else changed it meanwhile; on failure the typed text stays.
export function InlineTextEdit(props: {
  id: string;
  label: string;
  saveLabel: string;
  initial: string;
  pending: boolean;
  error: ErrorBody | null;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(props.initial);
  // One field: whatever the server found wrong is about it ("see below" must have a below).
  const messages = Object.values(props.error?.fieldErrors ?? {}).flat();
  const errorId = `${props.id}-error`;
  return (
    <li className="space-y-1">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave(text);
        }}
      >
        <label className="sr-only" htmlFor={props.id}>
          {props.label}
        </label>
        <input
          id={props.id}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={messages.length ? errorId : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
        />
        <button type="submit" disabled={props.pending} className={buttonClass("primary", "px-2 py-1 text-xs")}>
          {props.saveLabel}
        </button>
        <button type="button" className={buttonClass("ghost", "px-2 py-1 text-xs shadow-none")} onClick={props.onCancel}>
          Cancel
        </button>
      </form>
      <FormError error={props.error} />
      <FieldError id={errorId} messages={messages} />
    </li>
  );
}
