"use client";

import { GuardedField } from "@/app/(app)/releases/[id]/_components/guarded-field";
import type { Authority } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import type { Assignment } from "@/lib/permissions";
import type { ReleasePlan } from "@/lib/releases/queries";

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

const TEXT_FIELDS = [
  { name: "flagKey", label: "Flag key", hint: "The kill switch that guards the new behaviour." },
  { name: "flagEnvironment", label: "Flag environment", hint: undefined },
] as const;

// The release's kill switch: provider, key and environment, all guarded by the flag authority.
export function ReleaseFlagFields({
  release,
  authority,
  err,
  why,
}: {
  release: ReleasePlan;
  authority: Authority;
  err: (name: string) => string[] | undefined;
  why: (what: Assignment) => string;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <GuardedField
        rule={authority.flag}
        label="Flag provider"
        name="flagProvider"
        value={release.flagProvider}
        display={FLAG_PROVIDER_LABEL[release.flagProvider]}
        why={why("flag")}
      >
        <Select
          label="Flag provider"
          id="flagProvider"
          name="flagProvider"
          defaultValue={release.flagProvider}
          options={options(FLAG_PROVIDER_LABEL)}
          errors={err("flagProvider")}
        />
      </GuardedField>
      {TEXT_FIELDS.map(({ name, label, hint }) => (
        <GuardedField key={name} rule={authority.flag} label={label} name={name} value={release[name]} display={release[name]} why="">
          <TextInput label={label} id={name} name={name} defaultValue={release[name]} errors={err(name)} hint={hint} />
        </GuardedField>
      ))}
    </div>
  );
}
