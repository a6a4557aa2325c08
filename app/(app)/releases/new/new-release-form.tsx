"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { DEPLOY_STYLE_LABEL } from "@/lib/format/labels";
import { createReleaseAction, type NewReleaseState } from "./actions";

export function NewReleaseForm({ earlier }: { earlier: { id: string; title: string }[] }) {
  const [state, action, pending] = useActionState<NewReleaseState, FormData>(createReleaseAction, {});
  const fields = state.error?.fieldErrors;
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" noValidate>
      <FormError error={state.error ?? null} />
      <TextInput
        label="Title"
        id="title"
        name="title"
        defaultValue={state.title}
        errors={fields?.title}
        placeholder="Split users.full_name into first_name and last_name"
        required
      />
      <Select
        label="Start from"
        id="from"
        name="from"
        defaultValue={state.from ?? "template"}
        errors={fields?.from}
        options={[
          { value: "template", label: "The expand → migrate → contract template" },
          ...earlier.map((r) => ({ value: r.id, label: `A copy of “${r.title}”` })),
        ]}
        hint="A copy takes the stages, SQL, checklists (unticked), runbook and criteria; not the history."
      />
      <Select
        label="Deploy style"
        id="deployStyle"
        name="deployStyle"
        defaultValue={state.deployStyle ?? "ROLLING"}
        errors={fields?.deployStyle}
        options={Object.entries(DEPLOY_STYLE_LABEL).map(([value, label]) => ({ value, label }))}
        hint="The checklists get this style's items; a copy of a release with another style switches to this one."
      />
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Creating…" : "Create release"}
      </button>
    </form>
  );
}
