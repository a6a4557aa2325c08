import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/form-controls";
import { EVENT_KINDS, KIND_LABEL, type ActorOption, type EventFilter, type KindFilter } from "@/lib/audit/report/kinds";

// A plain GET form: the filtered view has its own address, can be shared, and works without
// JavaScript.

export function EventFilters({
  releaseId,
  filter,
  counts,
  actors,
}: {
  releaseId: string;
  filter: EventFilter;
  counts: Record<KindFilter, number>;
  actors: ActorOption[];
}) {
  const kinds: KindFilter[] = ["all", ...EVENT_KINDS];
  return (
    <form method="get" aria-label="Filter events" className="no-print flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="w-56">
        <Select
          label="Kind"
          id="kind"
          name="kind"
          defaultValue={filter.kind}
          options={kinds.map((kind) => ({ value: kind, label: `${KIND_LABEL[kind]} (${counts[kind]})` }))}
        />
      </div>
      <div className="w-64">
        <Select
          label="Actor"
          id="actor"
          name="actor"
          defaultValue={filter.actor ?? ""}
          options={[{ value: "", label: "Everyone" }, ...actors.map((a) => ({ value: a.key, label: `${a.label} (${a.count})` }))]}
        />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply filters
      </button>
      {(filter.kind !== "all" || filter.actor) && (
        <Link href={`/releases/${releaseId}/audit`} className="py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      )}
    </form>
  );
}
