"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

// A secret shown once is only useful if it reaches the clipboard intact. The outcome is said in
// words beside the button (announced to screen readers), because a failed copy must not pass for
// a done one: without clipboard access (an insecure origin, a denied permission) the person is
// told to select the text instead.
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className={buttonClass("secondary", "py-1 text-xs")} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="text-xs text-slate-600">
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Could not copy; select the text and copy it." : ""}
      </span>
    </span>
  );
}
