"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { addRunbookStep, assignRunbookRole, editRunbookStep, removeRunbookStep } from "@/app/(app)/releases/[id]/actions";
import { InlineTextEdit } from "@/app/(app)/releases/[id]/_components/inline-text-edit";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { personOptions, Select, type Person } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import type { ReleasePlan } from "@/lib/releases/queries";
import { RUNBOOK_ROLES, RUNBOOK_ROLE_LABEL, type RunbookRoleName } from "@/lib/releases/template";
import { RowAction } from "@/app/(app)/releases/[id]/_components/row-action";

type Step = ReleasePlan["runbookSteps"][number];

function StepRow({ releaseId, step, canEdit }: { releaseId: string; step: Step; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const edit = useMutation(editRunbookStep);
  const remove = useMutation(removeRunbookStep);
  if (editing) {
    return (
      <InlineTextEdit
        id={`step-${step.id}`}
        label="Runbook step"
        saveLabel="Save step"
        initial={step.text}
        pending={edit.pending}
        error={edit.error}
        onSave={(text) => void edit.run({ releaseId, stepId: step.id, text, expectedText: step.text }, () => setEditing(false))}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <li>
      <div className="flex items-start justify-between gap-2">
        <span>{step.text}</span>
        {canEdit && (
          <span className="flex flex-none gap-1">
            <RowAction label={`Edit step “${step.text}”`} onClick={() => setEditing(true)}>
              Edit
            </RowAction>
            <RowAction label={`Remove step “${step.text}”`} disabled={remove.pending} onClick={() => void remove.run({ releaseId, stepId: step.id })}>
              Remove
            </RowAction>
          </span>
        )}
      </div>
      <FormError error={remove.error} />
    </li>
  );
}

function RoleCard({
  releaseId,
  role,
  steps,
  people,
  canEdit,
}: {
  releaseId: string;
  role: RunbookRoleName;
  steps: Step[];
  people: Person[];
  canEdit: boolean;
}) {
  const assign = useMutation(assignRunbookRole);
  const add = useMutation(addRunbookStep);
  const [text, setText] = useState("");
  const assignee = steps.find((s) => s.assignee)?.assignee ?? null;
  const id = `runbook-${role.toLowerCase()}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run({ releaseId, role, text }, () => setText(""));
  };
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3">
      <h3 className="text-sm font-semibold">{RUNBOOK_ROLE_LABEL[role]}</h3>
      {canEdit ? (
        <Select
          label={`Who ${RUNBOOK_ROLE_LABEL[role].toLowerCase()}`}
          id={`${id}-assignee`}
          value={assignee?.id ?? ""}
          disabled={assign.pending}
          onChange={(e) => void assign.run({ releaseId, role, assigneeId: e.target.value, expectedAssigneeId: assignee?.id ?? "" })}
          options={personOptions(people)}
        />
      ) : (
        <p className="text-xs text-slate-600">{assignee?.name ?? "Unassigned"}</p>
      )}
      <FormError error={assign.error} />
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800">
        {steps.map((step) => (
          <StepRow key={step.id} releaseId={releaseId} step={step} canEdit={canEdit} />
        ))}
      </ol>
      {canEdit && (
        <form onSubmit={submit} className="flex gap-2" noValidate>
          <label className="sr-only" htmlFor={`${id}-new`}>
            New step for “{RUNBOOK_ROLE_LABEL[role]}”
          </label>
          <input
            id={`${id}-new`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Add a step"
            className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
          />
          <button type="submit" disabled={add.pending} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
            Add step
          </button>
        </form>
      )}
      <FormError error={add.error} />
    </div>
  );
}

export function RunbookEditor({ releaseId, steps, people, canEdit }: { releaseId: string; steps: Step[]; people: Person[]; canEdit: boolean }) {
  return (
    <section id="runbook" aria-labelledby="runbook-heading" className="scroll-mt-4 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between">
        <h2 id="runbook-heading" className="text-lg font-semibold">
          Runbook
        </h2>
        <Link href={`/releases/${releaseId}/runbook`} className="text-sm font-medium text-indigo-700 hover:underline">
          Print runbook
        </Link>
      </div>
      <p className="text-sm text-slate-600">The first ten minutes if something goes wrong: who does what.</p>
      <div className="grid gap-4 md:grid-cols-2">
        {RUNBOOK_ROLES.map((role) => (
          <RoleCard key={role} releaseId={releaseId} role={role} steps={steps.filter((s) => s.role === role)} people={people} canEdit={canEdit} />
        ))}
      </div>
    </section>
  );
}
