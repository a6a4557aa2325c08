"use client";

import { TextInput } from "@/components/ui/form-controls";
import { toDateTimeInput } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";

// The deploy window. The inputs are datetime-local without a zone, so they are shown and read as UTC.
export function ReleaseWindowFields({ release, err }: { release: ReleasePlan; err: (name: string) => string[] | undefined }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextInput
        label="Window start (UTC)"
        id="windowStart"
        name="windowStart"
        type="datetime-local"
        defaultValue={toDateTimeInput(release.windowStart)}
        errors={err("windowStart")}
      />
      <TextInput
        label="Window end (UTC)"
        id="windowEnd"
        name="windowEnd"
        type="datetime-local"
        defaultValue={toDateTimeInput(release.windowEnd)}
        errors={err("windowEnd")}
      />
    </div>
  );
}
