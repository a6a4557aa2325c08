import type { ReactNode } from "react";
import type { AssignmentRule } from "@/lib/permissions";

// A plan field that carries authority (an owner, the flag): editable when the rules of
// lib/permissions.ts allow it, otherwise shown as text with why, and its value kept in a hidden
// input so saving the other fields does not read as clearing this one.
export function GuardedField(props: { rule: AssignmentRule; label: string; name: string; value: string; display: string; why: string; children: ReactNode }) {
  if (props.rule === "allowed" || props.rule === "needs_reason") return <>{props.children}</>;
  return (
    <div className="space-y-1">
      <p className="block text-sm font-medium text-slate-800">{props.label}</p>
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">{props.display || "—"}</p>
      <input type="hidden" name={props.name} value={props.value} />
      <p className="text-xs text-slate-500">{props.why}</p>
    </div>
  );
}
