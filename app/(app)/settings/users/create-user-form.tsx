"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { ROLE_LABEL } from "@/lib/permissions";
import { CopyButton } from "@/components/ui/copy-button";
import { createUserAction } from "./actions";

export const ROLE_OPTIONS = Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }));

// The first password is generated on the server and shown here once: the admin hands it over,
// and nobody, the admin included, can read it again afterwards.
export function CreateUserForm() {
  const create = useMutation(createUserAction);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setCreated(null);
    void create.run(Object.fromEntries(new FormData(form)), (data) => {
      setCreated(data);
      form.reset();
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
      <h2 className="text-lg font-semibold">New user</h2>
      <FormError error={create.error} />
      <div className="grid gap-3 md:grid-cols-3">
        <TextInput label="Name" id="user-name" name="name" autoComplete="off" errors={create.fieldError("name")} />
        <TextInput label="Email" id="user-email" name="email" type="email" autoComplete="off" errors={create.fieldError("email")} />
        <Select label="Role" id="user-role" name="role" defaultValue="VIEWER" options={ROLE_OPTIONS} errors={create.fieldError("role")} />
      </div>
      <button type="submit" disabled={create.pending} className={buttonClass("primary")}>
        Create user
      </button>
      {created && (
        <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-600/30">
          <p className="font-medium">Created {created.email}. Give them this initial password now; it will not be shown again.</p>
          <div className="flex flex-wrap items-center gap-3">
            <code aria-label="Initial password" className="break-all font-mono text-xs">
              {created.password}
            </code>
            <CopyButton text={created.password} />
          </div>
        </div>
      )}
    </form>
  );
}
