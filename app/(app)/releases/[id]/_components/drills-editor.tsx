"use client";

import { useState } from "react";
import { recordDrill, removeDrill } from "@/app/(app)/releases/[id]/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { MutationForm } from "@/components/ui/mutation-form";
import { formatDate, toDateInput } from "@/lib/format/time";
import type { ReleasePlan } from "@/lib/releases/queries";
import { RowAction } from "@/app/(app)/releases/[id]/_components/row-action";
import { SubmitOrCancel } from "@/components/ui/submit-or-cancel";

function DrillForm({ releaseId, onDone }: { releaseId: string; onDone: () => void }) {
  const save = useMutation(recordDrill);
  const submit = (form: HTMLFormElement) => void save.run({ ...Object.fromEntries(new FormData(form)), releaseId }, onDone);
  return (
    <MutationForm error={save.error} onSubmit={submit} className="space-y-3 rounded-md border border-slate-200 p-4" noValidate>
      <div className="grid gap-3 md:grid-cols-3">
        <TextInput
          label="Drill date"
          id="drill-date"
          name="performedOn"
          type="date"
          defaultValue={toDateInput(new Date())}
          errors={save.fieldError("performedOn")}
        />
        <Select
          label="Result"
          id="drill-result"
          name="result"
          defaultValue="PASSED"
          options={[
            { value: "PASSED", label: "Passed" },
            { value: "FAILED", label: "Failed" },
          ]}
          errors={save.fieldError("result")}
        />
        <TextInput label="Drill notes" id="drill-notes" name="notes" placeholder="Flag off on staging: reads back in 4 s" errors={save.fieldError("notes")} />
      </div>
      <SubmitOrCancel pending={save.pending} onCancel={onDone}>
        Record drill
      </SubmitOrCancel>
    </MutationForm>
  );
}

type Drill = ReleasePlan["drills"][number];
// Who is looking, so a drill offers "Remove" only to whoever recorded it or an admin (the server
// refuses everyone else anyway).
export interface DrillViewer {
  id: string;
  isAdmin: boolean;
}

function DrillRow({ releaseId, drill, canRemove }: { releaseId: string; drill: Drill; canRemove: boolean }) {
  const remove = useMutation(removeDrill);
  const day = formatDate(drill.performedOn);
  return (
    <li className="flex flex-wrap items-baseline gap-2">
      <span className="font-medium">{day}</span>
      <Badge tone={drill.result === "PASSED" ? "success" : "danger"}>{drill.result === "PASSED" ? "Passed" : "Failed"}</Badge>
      <span className="text-slate-700">{drill.notes}</span>
      {drill.recordedBy && <span className="text-xs text-slate-500">recorded by {drill.recordedBy.name}</span>}
      {canRemove && (
        <RowAction label={`Remove the drill of ${day}`} disabled={remove.pending} onClick={() => void remove.run({ releaseId, drillId: drill.id })}>
          Remove
        </RowAction>
      )}
      <FormError error={remove.error} />
    </li>
  );
}

export function DrillsEditor({ releaseId, drills, canEdit, viewer }: { releaseId: string; drills: Drill[]; canEdit: boolean; viewer: DrillViewer }) {
  const [adding, setAdding] = useState(false);
  return (
    <section id="drills" aria-labelledby="drills-heading" className="scroll-mt-4 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="drills-heading" className="text-lg font-semibold">
        Rollback drills
      </h2>
      {drills.length === 0 ? (
        <p className="text-sm text-slate-600">No rollback drill recorded yet. Rehearse turning the flag off on staging and record how it went.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {drills.map((drill) => (
            <DrillRow key={drill.id} releaseId={releaseId} drill={drill} canRemove={canEdit && (viewer.isAdmin || drill.recordedBy?.id === viewer.id)} />
          ))}
        </ul>
      )}
      {canEdit &&
        (adding ? (
          <DrillForm releaseId={releaseId} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className={buttonClass("secondary")} onClick={() => setAdding(true)}>
            Record a drill
          </button>
        ))}
    </section>
  );
}
