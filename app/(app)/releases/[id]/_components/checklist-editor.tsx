"use client";

import { useState, type FormEvent } from "react";
import { addChecklistItem, editChecklistItem, moveChecklistItem, removeChecklistItem, tickChecklistItem } from "@/app/(app)/releases/[id]/actions";
import { InlineTextEdit } from "@/app/(app)/releases/[id]/_components/inline-text-edit";
import { TickBox } from "@/components/releases/tick-box";
import { ComputedProofItem, computableKinds } from "@/components/stage-watch/contract-proofs";
import { useErrorSlot, useMutation, type ErrorSlot } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import type { ComputedProof } from "@/lib/proofs/state";
import { computedKindOf } from "@/lib/proofs/view";
import type { ReleasePlan } from "@/lib/releases/queries";
import { STAGE_LABEL } from "@/lib/releases/template";
import { RowAction } from "@/app/(app)/releases/[id]/_components/row-action";

type Stage = ReleasePlan["stages"][number];
type Item = Stage["checklistItems"][number];

function ItemRow({
  releaseId,
  stage,
  item,
  canEdit,
  first,
  last,
  errors,
  computed,
}: {
  releaseId: string;
  stage: Stage;
  item: Item;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  errors: ErrorSlot;
  // Switchback computes this item's proof: its state shows instead of a tick box.
  computed: ComputedProof | null;
}) {
  const [editing, setEditing] = useState(false);
  const edit = useMutation(editChecklistItem, { slot: errors, owner: `edit:${item.id}` });
  const other = useMutation(
    async (input: { kind: "move-up" | "move-down" | "remove" }) =>
      input.kind === "remove"
        ? removeChecklistItem({ releaseId, itemId: item.id })
        : moveChecklistItem({ releaseId, itemId: item.id, direction: input.kind === "move-up" ? "up" : "down" }),
    { slot: errors, owner: `item:${item.id}` },
  );

  if (editing) {
    return (
      <InlineTextEdit
        id={`item-${item.id}`}
        label="Checklist item text"
        saveLabel="Save item"
        initial={item.text}
        pending={edit.pending}
        error={edit.error}
        onSave={(text) => void edit.run({ releaseId, itemId: item.id, text, expectedText: item.text }, () => setEditing(false))}
        onCancel={() => {
          // The refused text is gone with the form: so is what was wrong with it.
          edit.clearError();
          setEditing(false);
        }}
      />
    );
  }

  return (
    <li className="space-y-1">
      <div className="flex items-start gap-2 text-sm">
        {computed ? (
          <ComputedProofItem kind={computed} text={item.text} stage={stage} />
        ) : (
          <>
            <TickBox
              releaseId={releaseId}
              itemId={item.id}
              done={item.done}
              disabled={!canEdit}
              id={`tick-${item.id}`}
              errors={errors}
              action={tickChecklistItem}
            />
            <label htmlFor={`tick-${item.id}`} className="flex-1">
              {item.text} {item.isProof && <Badge tone="warning">Proof</Badge>}
              {item.done && item.doneBy && (
                <span className="block text-xs text-slate-500">
                  Ticked by {item.doneBy.name} at {formatDateTime(item.doneAt)}
                </span>
              )}
            </label>
          </>
        )}
        {canEdit && (
          <span className="flex flex-none gap-1">
            <RowAction label={`Edit “${item.text}”`} onClick={() => setEditing(true)}>
              Edit
            </RowAction>
            <RowAction label={`Move up “${item.text}”`} disabled={first || other.pending} onClick={() => void other.run({ kind: "move-up" })}>
              ↑
            </RowAction>
            <RowAction label={`Move down “${item.text}”`} disabled={last || other.pending} onClick={() => void other.run({ kind: "move-down" })}>
              ↓
            </RowAction>
            <RowAction label={`Remove “${item.text}”`} disabled={other.pending} onClick={() => void other.run({ kind: "remove" })}>
              Remove
            </RowAction>
          </span>
        )}
      </div>
      <FormError error={other.error} />
    </li>
  );
}

function AddItem({ releaseId, stage, errors }: { releaseId: string; stage: Stage; errors: ErrorSlot }) {
  const add = useMutation(addChecklistItem, { slot: errors, owner: "add" });
  const [text, setText] = useState("");
  const [isProof, setIsProof] = useState(false);
  const label = STAGE_LABEL[stage.kind];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run({ releaseId, stageId: stage.id, text, isProof }, () => {
      setText("");
      setIsProof(false);
    });
  };
  return (
    <form onSubmit={submit} className="space-y-1" noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`new-item-${stage.id}`}>
          New {label} checklist item
        </label>
        <input
          id={`new-item-${stage.id}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Add a checklist item"
          className="min-w-64 flex-1 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
        />
        <label className="flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" checked={isProof} onChange={(e) => setIsProof(e.target.checked)} /> Proof item
        </label>
        <button type="submit" disabled={add.pending} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
          Add item
        </button>
      </div>
      <FormError error={add.error} />
      {add.fieldError("text") && <p className="text-sm text-red-700">{add.fieldError("text")!.join(" ")}</p>}
    </form>
  );
}

// Every save in one checklist reports to one error slot: the latest outcome is what shows, so a
// save that works clears an earlier refusal from any item or the add form.
export function ChecklistEditor({ releaseId, stage, canEdit }: { releaseId: string; stage: Stage; canEdit: boolean }) {
  const items = stage.checklistItems;
  const errors = useErrorSlot();
  const computable = computableKinds(stage);
  const computedOf = (item: Item) => computedKindOf(computable, item.computedProof);
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">Checklist</h3>
      {items.length === 0 && <p className="text-sm text-slate-500">No checklist items.</p>}
      <ul className="space-y-1.5">
        {items.map((item, index) => (
          <ItemRow
            key={item.id}
            releaseId={releaseId}
            stage={stage}
            item={item}
            canEdit={canEdit}
            first={index === 0}
            last={index === items.length - 1}
            errors={errors}
            computed={computedOf(item)}
          />
        ))}
      </ul>
      {canEdit && <AddItem releaseId={releaseId} stage={stage} errors={errors} />}
    </div>
  );
}
