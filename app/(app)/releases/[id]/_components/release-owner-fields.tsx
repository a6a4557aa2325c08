"use client";

import { GuardedField } from "@/app/(app)/releases/[id]/_components/guarded-field";
import type { Authority } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { personOptions, Select, TextInput, type Person } from "@/components/ui/form-controls";
import type { Assignment } from "@/lib/permissions";
import type { ReleasePlan } from "@/lib/releases/queries";

const OWNERS: { role: Assignment; label: string; name: string; owner: (release: ReleasePlan) => Person | null }[] = [
  { role: "decisionOwner", label: "Decision owner", name: "decisionOwnerId", owner: (release) => release.decisionOwner },
  { role: "backup", label: "Backup", name: "backupOwnerId", owner: (release) => release.backupOwner },
];

// The release's people: decision owner and backup, each guarded by its own authority, and the
// reason an admin must give when reassigning them after the deploy has started.
export function ReleaseOwnerFields(props: {
  release: ReleasePlan;
  people: Person[];
  authority: Authority;
  err: (name: string) => string[] | undefined;
  why: (what: Assignment) => string;
}) {
  const { release, people, authority, err, why } = props;
  const needsReason = Object.values(authority).includes("needs_reason");
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        {OWNERS.map(({ role, label, name, owner }) => {
          const person = owner(release);
          return (
            <GuardedField
              key={role}
              rule={authority[role]}
              label={label}
              name={name}
              value={person?.id ?? ""}
              display={person?.name ?? "Unassigned"}
              why={why(role)}
            >
              <Select label={label} id={name} name={name} defaultValue={person?.id ?? ""} options={personOptions(people)} errors={err(name)} />
            </GuardedField>
          );
        })}
      </div>
      {needsReason && (
        <TextInput
          label="Reason for reassigning"
          id="reassignReason"
          name="reassignReason"
          errors={err("reassignReason")}
          hint="The deploy has started: an admin who changes an owner says why. It goes into the audit trail."
        />
      )}
    </>
  );
}
