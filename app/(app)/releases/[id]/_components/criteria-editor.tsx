"use client";

import { useState } from "react";
import { removeCriterion } from "@/app/(app)/releases/[id]/actions";
import { CriterionForm, type SourceHealthMap } from "@/app/(app)/releases/[id]/_components/criterion-form";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { COMPARATOR_SYMBOL, UNIT_LABEL, formatValue } from "@/lib/format/labels";
import { AUTO_ACTION_LABEL } from "@/lib/releases/auto-action";
import type { ReleasePlan } from "@/lib/releases/queries";
import { SOURCE_CATALOG } from "@/lib/signals/sources/catalog";
import { RowAction } from "@/app/(app)/releases/[id]/_components/row-action";

type Criterion = ReleasePlan["criteria"][number];
type Target = { name: string } | null | undefined;

function threshold(criterion: Criterion, value: number | null) {
  return value === null ? "—" : `${COMPARATOR_SYMBOL[criterion.comparator]} ${formatValue(value, criterion.signal.unit)}`;
}

function Row({
  releaseId,
  criterion,
  canEdit,
  sourceHealth,
  target,
}: {
  releaseId: string;
  criterion: Criterion;
  canEdit: boolean;
  sourceHealth: SourceHealthMap;
  target: Target;
}) {
  const [editing, setEditing] = useState(false);
  const remove = useMutation(removeCriterion);
  if (editing) {
    return (
      <tr>
        <td colSpan={7} className="py-2">
          <CriterionForm releaseId={releaseId} criterion={criterion} sourceHealth={sourceHealth} target={target} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr className="align-top">
      <td className="py-2 pr-4">
        <span className="font-medium">{criterion.signal.name}</span>
        <span className="block font-mono text-xs text-slate-500">
          {criterion.signal.key} · {SOURCE_CATALOG[criterion.signal.source].tag}
        </span>
        {/* Why the signal has no fresh value (a target that does not answer, a refused query). */}
        {criterion.signal.lastError && <span className="block text-xs text-amber-800">{criterion.signal.lastError}</span>}
      </td>
      <td className="py-2 pr-4">{threshold(criterion, criterion.warnThreshold)}</td>
      <td className="py-2 pr-4">{threshold(criterion, criterion.stopThreshold)}</td>
      <td className="py-2 pr-4">{criterion.windowSeconds} s</td>
      <td className="py-2 pr-4">{UNIT_LABEL[criterion.signal.unit]}</td>
      <td className="py-2 pr-4">{AUTO_ACTION_LABEL[criterion.autoAction]}</td>
      <td className="py-2 text-right">
        {canEdit && (
          <span className="flex justify-end gap-1">
            <RowAction label={`Edit criterion ${criterion.signal.name}`} onClick={() => setEditing(true)}>
              Edit
            </RowAction>
            <RowAction
              label={`Remove criterion ${criterion.signal.name}`}
              disabled={remove.pending}
              onClick={() => void remove.run({ releaseId, criterionId: criterion.id })}
            >
              Remove
            </RowAction>
          </span>
        )}
        <FormError error={remove.error} />
      </td>
    </tr>
  );
}

export function CriteriaEditor({
  releaseId,
  criteria,
  canEdit,
  sourceHealth,
  target,
}: {
  releaseId: string;
  criteria: Criterion[];
  canEdit: boolean;
  sourceHealth: SourceHealthMap;
  /** The release's target database (Database signals read it); undefined when not given. */
  target?: Target;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <section id="criteria" aria-labelledby="criteria-heading" className="scroll-mt-4 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="criteria-heading" className="text-lg font-semibold">
        Go/stop criteria
      </h2>
      <p className="text-sm text-slate-600">When to stop, per signal. Missing or stale data never counts as healthy.</p>
      {criteria.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Signal
                </th>
                <th scope="col" className="py-2 pr-4">
                  Warn when
                </th>
                <th scope="col" className="py-2 pr-4">
                  Stop when
                </th>
                <th scope="col" className="py-2 pr-4">
                  Window
                </th>
                <th scope="col" className="py-2 pr-4">
                  Unit
                </th>
                <th scope="col" className="py-2 pr-4">
                  Automatic action
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {criteria.map((criterion) => (
                <Row key={criterion.id} releaseId={releaseId} criterion={criterion} canEdit={canEdit} sourceHealth={sourceHealth} target={target} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {criteria.length === 0 && <p className="text-sm text-slate-600">No criteria yet.</p>}
      {canEdit &&
        (adding ? (
          <CriterionForm releaseId={releaseId} sourceHealth={sourceHealth} target={target} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className={buttonClass("secondary")} onClick={() => setAdding(true)}>
            Add a criterion
          </button>
        ))}
    </section>
  );
}
