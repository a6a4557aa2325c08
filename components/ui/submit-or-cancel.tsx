import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

// The foot of a form that was opened in place: its submit button (off while the save runs) and
// Cancel, which closes the form without saving.
export function SubmitOrCancel({
  pending,
  onCancel,
  variant = "primary",
  className = "flex gap-2",
  children,
}: {
  pending: boolean;
  onCancel: () => void;
  variant?: "primary" | "danger";
  className?: string;
  // The submit button's label.
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <button type="submit" disabled={pending} className={buttonClass(variant)}>
        {children}
      </button>
      <button type="button" className={buttonClass("ghost")} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
