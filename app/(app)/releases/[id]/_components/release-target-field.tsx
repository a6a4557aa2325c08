import { Select } from "@/components/ui/form-controls";
import type { ReleasePlan } from "@/lib/releases/queries";

export interface TargetChoice {
  id: string;
  name: string;
}

// The database under migration Switchback reads for this release. Admins register targets in
// Settings → Target databases; with none registered the select says where to add one.
export function ReleaseTargetField({ release, targets, errors }: { release: ReleasePlan; targets: TargetChoice[]; errors?: string[] }) {
  return (
    <Select
      label="Target database"
      id="targetDatabaseId"
      name="targetDatabaseId"
      defaultValue={release.targetDatabase?.id ?? ""}
      options={[{ value: "", label: "None" }, ...targets.map((t) => ({ value: t.id, label: t.name }))]}
      errors={errors}
      hint={
        targets.length
          ? "Switchback reads it read-only: database signals, schema checks and proofs."
          : "No target database is registered yet: an admin adds one in Settings → Target databases."
      }
    />
  );
}
