"use client";

import { TextInput } from "@/components/ui/form-controls";
import { toDateTimeInput } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";

const ENDS = [
  { name: "windowStart", label: "Window start (UTC)" },
  { name: "windowEnd", label: "Window end (UTC)" },
] as const;

// The deploy window. The inputs are datetime-local without a zone, so they are shown and read as UTC.
export function ReleaseWindowFields({ release, err }: { release: ReleasePlan; err: (name: string) => string[] | undefined }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {ENDS.map(({ name, label }) => (
        <TextInput key={name} label={label} id={name} name={name} type="datetime-local" defaultValue={toDateTimeInput(release[name])} errors={err(name)} />
      ))}
    </div>
  );
}
