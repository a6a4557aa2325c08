"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { ChainReport } from "@/lib/audit/verify";

// Admins only (the server checks too): walks the whole keyed chain and the latest signed
// checkpoint, and says OK or where it broke.
export function VerifyChainButton() {
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<ChainReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  async function verify() {
    setPending(true);
    setFailure(null);
    try {
      const response = await fetch("/api/v1/audit/verify", { method: "POST" });
      const body = await response.json();
      if (response.ok) setReport(body as ChainReport);
      else setFailure(body.error?.message ?? "The check could not run.");
    } catch {
      setFailure("The server could not be reached.");
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="no-print flex flex-wrap items-center gap-3">
      <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => void verify()}>
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <p role="status" aria-live="polite" className="text-sm">
        {report?.ok && (
          <span className="font-medium text-emerald-800">
            Chain OK: {report.count.toLocaleString("en-US")} events, every link intact under the audit key
            {report.checkpoint
              ? `; the latest signed checkpoint (#${report.checkpoint.id}, event #${report.checkpoint.headId}) is genuine and still matches.`
              : "; no signed checkpoint yet."}
          </span>
        )}
        {report && !report.ok && (
          <span className="font-medium text-red-800">
            Chain broken at event #{report.brokenId}: {report.reason}
          </span>
        )}
        {failure && <span className="text-red-800">{failure}</span>}
      </p>
    </div>
  );
}
