"use client";

import { buttonClass } from "@/components/ui/button";

export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button type="button" className={buttonClass("secondary", "no-print")} onClick={() => window.print()}>
      {label}
    </button>
  );
}
