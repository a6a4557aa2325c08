"use client";

import { useState } from "react";
import { saveCriterion } from "@/app/(app)/releases/[id]/actions";
import { fixedUnit, initialChoices, SourceFields } from "@/app/(app)/releases/[id]/_components/criterion-source-fields";
import { useMutation } from "@/components/hooks/use-mutation";
import { Select, TextInput } from "@/components/ui/form-controls";
import { MutationForm } from "@/components/ui/mutation-form";
import { COMPARATOR_SYMBOL, UNIT_LABEL } from "@/lib/format/labels";
import { AUTO_ACTION_LABEL } from "@/lib/releases/auto-action";
import type { ReleasePlan } from "@/lib/releases/queries";
import { SELECTABLE_SOURCES, selectableSource } from "@/lib/signals/sources/catalog";
import type { SignalSourceKind, SourceCatalogEntry, SourceHealth } from "@/lib/signals/sources/types";
import { SubmitOrCancel } from "@/components/ui/submit-or-cancel";

type Criterion = ReleasePlan["criteria"][number];
// Whether this server can use each source (lib/signals/sources/registry.ts), said under the choice.
export type SourceHealthMap = Record<SignalSourceKind, SourceHealth>;

const UNITS = Object.entries(UNIT_LABEL).map(([value, label]) => ({ value, label }));
const COMPARATORS = Object.entries(COMPARATOR_SYMBOL).map(([value, symbol]) => ({
  value,
  label: `${symbol} (${{ GT: "above", GTE: "at or above", LT: "below", LTE: "at or below" }[value]})`,
}));
const AUTO_ACTION_OPTIONS = Object.entries(AUTO_ACTION_LABEL).map(([value, label]) => ({ value, label }));
const SOURCES = SELECTABLE_SOURCES.map((source) => ({ value: source.kind, label: source.label }));
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(\d)/, "s_$1")
    .slice(0, 63);

// Said under "Values come from": a source this server cannot use, or one that needs the release's
// target database while none is chosen.
function sourceHint(source: SourceCatalogEntry | null, health: SourceHealth, target: { name: string } | null | undefined) {
  if (!health.ok) return health.message;
  if (source?.needsTarget && target === null) return "Choose a Target database in the release details first.";
  if (source?.needsTarget && target) return `Read from ${target.name}, read-only.`;
  return undefined;
}

export function CriterionForm({
  releaseId,
  criterion,
  sourceHealth,
  target,
  onDone,
}: {
  releaseId: string;
  criterion?: Criterion;
  sourceHealth: SourceHealthMap;
  /** The release's target database; undefined when the page does not say. */
  target?: { name: string } | null;
  onDone: () => void;
}) {
  const save = useMutation(saveCriterion);
  const [source, setSource] = useState((selectableSource(criterion?.signal.source) ?? SELECTABLE_SOURCES[0]!).kind);
  const [unit, setUnit] = useState<string>(criterion?.signal.unit ?? "PERCENT");
  const [name, setName] = useState(criterion?.signal.name ?? "");
  const [key, setKey] = useState(criterion?.signal.key ?? "");
  const [keyTouched, setKeyTouched] = useState(!!criterion);
  const chosen = selectableSource(source);
  const [choices, setChoices] = useState(() => initialChoices(chosen, criterion?.signal));
  // A built-in database metric has its own unit: the form shows it and sends it.
  const unitNow = fixedUnit(chosen, choices) ?? unit;
  const prefix = criterion ? `criterion-${criterion.id}` : "criterion-new";
  const err = save.fieldError;

  function submit(element: HTMLFormElement) {
    const form = Object.fromEntries(new FormData(element));
    void save.run({ ...form, releaseId, criterionId: criterion?.id ?? "", signalName: name, signalKey: key, unit: unitNow, source }, onDone);
  }

  return (
    <MutationForm error={save.error} onSubmit={submit} className="space-y-3 rounded-md border border-slate-200 p-4" noValidate>
      <div className="grid gap-3 md:grid-cols-3">
        <TextInput
          label="Signal"
          id={`${prefix}-name`}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!keyTouched) setKey(slug(e.target.value));
          }}
          errors={err("signalName")}
          placeholder="Error rate"
        />
        <TextInput
          label="Signal key"
          id={`${prefix}-key`}
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setKeyTouched(true);
          }}
          errors={err("signalKey")}
          hint="What pushes and charts call it."
        />
        <Select
          label="Unit"
          id={`${prefix}-unit`}
          value={unitNow}
          onChange={(e) => setUnit(e.target.value)}
          options={UNITS}
          errors={err("unit")}
          disabled={unitNow !== unit}
          hint={unitNow !== unit ? "Follows the metric." : undefined}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <Select
          label="Values come from"
          id={`${prefix}-source`}
          value={source}
          onChange={(e) => {
            const next = e.target.value as typeof source;
            setSource(next);
            setChoices(initialChoices(selectableSource(next), criterion?.signal));
          }}
          options={SOURCES}
          errors={err("source")}
          hint={sourceHint(chosen, sourceHealth[source], target)}
        />
        <SourceFields
          source={chosen}
          prefix={prefix}
          saved={criterion?.signal}
          choices={choices}
          onChoice={(field, value) => setChoices((current) => ({ ...current, [field]: value }))}
          err={err}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-4">
        <Select
          label="Breached when the value is"
          id={`${prefix}-comparator`}
          name="comparator"
          defaultValue={criterion?.comparator ?? "GT"}
          options={COMPARATORS}
          errors={err("comparator")}
        />
        <TextInput
          label={`Warn threshold (${UNIT_LABEL[unitNow as keyof typeof UNIT_LABEL]})`}
          id={`${prefix}-warn`}
          name="warnThreshold"
          inputMode="decimal"
          defaultValue={criterion?.warnThreshold ?? ""}
          errors={err("warnThreshold")}
        />
        <TextInput
          label={`Stop threshold (${UNIT_LABEL[unitNow as keyof typeof UNIT_LABEL]})`}
          id={`${prefix}-stop`}
          name="stopThreshold"
          inputMode="decimal"
          defaultValue={criterion?.stopThreshold ?? ""}
          errors={err("stopThreshold")}
        />
        <TextInput
          label="Window (s)"
          id={`${prefix}-window`}
          name="windowSeconds"
          type="number"
          min={5}
          max={3600}
          defaultValue={criterion?.windowSeconds ?? 60}
          errors={err("windowSeconds")}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <Select
          label="Automatic action"
          id={`${prefix}-auto-action`}
          name="autoAction"
          defaultValue={criterion?.autoAction ?? "TURN_FLAG_OFF"}
          options={AUTO_ACTION_OPTIONS}
          errors={err("autoAction")}
          hint="After the stop threshold is breached the set number of checks in a row, when the release has automatic actions on."
        />
      </div>
      <SubmitOrCancel pending={save.pending} onCancel={onDone}>
        {save.pending ? "Saving…" : criterion ? "Save criterion" : "Add criterion"}
      </SubmitOrCancel>
    </MutationForm>
  );
}
