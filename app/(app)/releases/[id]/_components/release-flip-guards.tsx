"use client";

import type { Authority } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { TextInput } from "@/components/ui/form-controls";
import type { ReleasePlan } from "@/lib/releases/queries";

// How the flag may be flipped: four-eyes, and the automatic actions (auto-stop, auto-pause). The
// two checkboxes are held by the details editor, which sends them as "true"/"false" with the rest
// of the form.
export function ReleaseFlipGuards(props: {
  release: ReleasePlan;
  authority: Authority;
  err: (name: string) => string[] | undefined;
  fourEyes: boolean;
  onFourEyes: (on: boolean) => void;
  autoStop: boolean;
  onAutoStop: (on: boolean) => void;
}) {
  return (
    <>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={props.fourEyes}
          disabled={props.authority.fourEyes === "forbidden"}
          onChange={(e) => props.onFourEyes(e.target.checked)}
        />
        Turning the flag on needs a second person
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Automatic actions</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={props.autoStop} aria-describedby="autoStopHelp" onChange={(e) => props.onAutoStop(e.target.checked)} />
          Automatic actions: pause the backfill or turn the flag off
        </label>
        <p id="autoStopHelp" className="text-xs text-slate-600">
          Each go/stop criterion says which: a “Pause backfill” criterion pauses the backfill and leaves the flag alone; a “Turn flag off” criterion turns the
          flag off and pauses the release until a decision owner acknowledges. Never on stale data.
        </p>
        <TextInput
          label="Breaches in a row before an automatic action"
          id="autoStopAfter"
          name="autoStopAfter"
          type="number"
          min={1}
          max={20}
          defaultValue={props.release.autoStopAfter}
          errors={props.err("autoStopAfter")}
        />
      </fieldset>
    </>
  );
}
