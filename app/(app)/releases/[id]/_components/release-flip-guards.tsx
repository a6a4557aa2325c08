"use client";

import type { Authority } from "@/app/(app)/releases/[id]/_components/release-details-editor";
import { TextInput } from "@/components/ui/form-controls";
import type { ReleasePlan } from "@/lib/releases/queries";

// How the flag may be flipped: four-eyes, and guarded auto-stop. The two checkboxes are held by
// the details editor, which sends them as "true"/"false" with the rest of the form.
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
        <legend className="text-sm font-medium text-slate-800">Guarded auto-stop</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={props.autoStop} onChange={(e) => props.onAutoStop(e.target.checked)} />
          Turn the flag off automatically when a stop criterion is breached
        </label>
        <TextInput
          label="Breaches in a row before auto-stop"
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
