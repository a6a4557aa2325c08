"use client";

import type { FormEvent } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { addTargetAction } from "./actions";

export function TargetForm() {
  const add = useMutation(addTargetAction);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    // The URL leaves the form only in this request: reset, so the password is not left on screen.
    void add.run({ name: data.get("name"), url: data.get("url") }, () => form.reset());
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
      <h2 className="text-lg font-semibold">Add a target database</h2>
      <FormError error={add.error} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextInput label="Name" id="target-name" name="name" errors={add.fieldError("name")} placeholder="shop (production)" autoComplete="off" />
        <TextInput
          label="Connection URL"
          id="target-url"
          name="url"
          errors={add.fieldError("url")}
          placeholder="postgresql://reader:password@db.example.com:5432/shop"
          hint="A read-only role is enough; sslmode and other settings may follow after ?."
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <button type="submit" disabled={add.pending} className={buttonClass("primary")}>
        Add database
      </button>
    </form>
  );
}
