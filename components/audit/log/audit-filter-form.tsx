"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import type { AuditFacets } from "@/lib/audit/log/facets";
import type { FieldErrors } from "@/lib/errors";

export interface FilterValues {
  release: string;
  actor: string;
  action: string;
  from: string;
  to: string;
  signIns: boolean;
}

type Option = { value: string; label: string };

// A value from a shared link that the lists no longer offer still shows as chosen.
const withCurrent = (options: Option[], current: string): Option[] =>
  !current || options.some((option) => option.value === current) ? options : [...options, { value: current, label: current }];

// A plain GET form, so the filtered log is a shareable URL and works before scripts load; with
// scripts, empty fields are left out of the URL and the page updates without a full reload.
export function AuditFilterForm({ facets, values, errors }: { facets: AuditFacets; values: FilterValues; errors: FieldErrors }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === "string" && value.trim()) params.set(name, value.trim());
    const query = params.toString();
    startTransition(() => router.push(query ? `/audit?${query}` : "/audit"));
  }

  const releases = withCurrent([{ value: "", label: "All releases" }, ...facets.releases.map((r) => ({ value: r.id, label: r.title }))], values.release);
  const actors = withCurrent(
    [{ value: "", label: "All actors" }, ...facets.actors.map((a) => ({ value: a.value, label: a.system ? `${a.label} (system)` : a.label }))],
    values.actor,
  );
  const actions = withCurrent([{ value: "", label: "All actions" }, ...facets.actions.map((action) => ({ value: action, label: action }))], values.action);

  return (
    <form
      method="get"
      action="/audit"
      onSubmit={submit}
      aria-label="Filter the audit log"
      aria-busy={pending || undefined}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Select label="Release" id="audit-release" name="release" options={releases} defaultValue={values.release} errors={errors.release} />
        <Select label="Actor" id="audit-actor" name="actor" options={actors} defaultValue={values.actor} errors={errors.actor} />
        <Select label="Action" id="audit-action" name="action" options={actions} defaultValue={values.action} errors={errors.action} />
        <TextInput label="From (UTC)" id="audit-from" name="from" type="datetime-local" step={1} defaultValue={values.from} errors={errors.from} />
        <TextInput
          label="To (UTC)"
          id="audit-to"
          name="to"
          type="datetime-local"
          step={1}
          defaultValue={values.to}
          errors={errors.to}
          hint="Up to, not including, this time."
        />
      </div>
      <label className="mt-4 flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="signins" value="show" defaultChecked={values.signIns} className="h-4 w-4 rounded border-slate-300 text-indigo-600" />
        Show sign-ins
      </label>
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          Filter
        </button>
        <Link href="/audit" className="text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
