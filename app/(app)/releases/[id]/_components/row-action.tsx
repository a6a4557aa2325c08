import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

const small = buttonClass("ghost", "px-2 py-1 text-xs shadow-none");

// A row's small button in the plan's editable lists (Edit, Remove, ↑, ↓): `label` is its
// accessible name, which says which row it acts on.
export function RowAction({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="button" className={small} disabled={disabled} onClick={onClick} aria-label={label}>
      {children}
    </button>
  );
}
