import { Select, TextInput } from "@/components/ui/form-controls";
import type { ReleasePlan } from "@/lib/releases/queries";
import { CYCLE_FROZEN, TARGET_FROZEN, targetFrozen } from "@/lib/releases/target-database";

export interface TargetChoice {
  id: string;
  name: string;
}

// The database under migration Switchback reads for this release, how often, and the business
// cycle the Contract proof waits for. Admins register targets in Settings → Target databases;
// with none registered the select says where to add one.
export function ReleaseTargetField({ release, targets, err }: { release: ReleasePlan; targets: TargetChoice[]; err: (field: string) => string[] | undefined }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <Select
        label="Target database"
        id="targetDatabaseId"
        name="targetDatabaseId"
        defaultValue={release.targetDatabase?.id ?? ""}
        options={[{ value: "", label: "None" }, ...targets.map((t) => ({ value: t.id, label: t.name }))]}
        errors={err("targetDatabaseId")}
        // Left out of the form when disabled, so the server keeps the target as it is.
        disabled={targetFrozen(release.status)}
        hint={
          targetFrozen(release.status)
            ? TARGET_FROZEN
            : targets.length
              ? "Switchback reads it read-only: database signals, schema checks and proofs."
              : "No target database is registered yet: an admin adds one in Settings → Target databases."
        }
      />
      <TextInput
        label="Poll the target every (s)"
        id="targetPollSeconds"
        name="targetPollSeconds"
        type="number"
        min={1}
        max={300}
        defaultValue={release.targetPollSeconds}
        errors={err("targetPollSeconds")}
        hint="1 to 300 seconds; database signals are stale after two missed polls."
      />
      <TextInput
        label="Business cycle (days)"
        id="businessCycleDays"
        name="businessCycleDays"
        type="number"
        min={0}
        max={90}
        defaultValue={release.businessCycleDays}
        errors={err("businessCycleDays")}
        disabled={targetFrozen(release.status)}
        hint={targetFrozen(release.status) ? CYCLE_FROZEN : "How long after Migrate completes before Contract may drop anything (0 to 90)."}
      />
    </div>
  );
}
