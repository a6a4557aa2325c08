"use client";

import { GuardedField } from "@/app/(app)/releases/[id]/_components/guarded-field";
import type { Authority } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { personOptions, Select, TextInput, type Person } from "@/components/ui/form-controls";
import type { Assignment } from "@/lib/permissions";
import type { ReleasePlan } from "@/lib/releases/queries";

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
        <GuardedField
          rule={authority.decisionOwner}
          label="Decision owner"
          name="decisionOwnerId"
          value={release.decisionOwner?.id ?? ""}
          display={release.decisionOwner?.name ?? "Unassigned"}
          why={why("decisionOwner")}
        >
          <Select
            label="Decision owner"
            id="decisionOwnerId"
            name="decisionOwnerId"
            defaultValue={release.decisionOwner?.id ?? ""}
            options={personOptions(people)}
            errors={err("decisionOwnerId")}
          />
        </GuardedField>
        <GuardedField
          rule={authority.backup}
          label="Backup"
          name="backupOwnerId"
          value={release.backupOwner?.id ?? ""}
          display={release.backupOwner?.name ?? "Unassigned"}
          why={why("backup")}
        >
          <Select
            label="Backup"
            id="backupOwnerId"
            name="backupOwnerId"
            defaultValue={release.backupOwner?.id ?? ""}
            options={personOptions(people)}
            errors={err("backupOwnerId")}
          />
        </GuardedField>
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
