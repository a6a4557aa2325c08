"use client";

import { useState } from "react";
import { pauseBackfillAction, resumeBackfillAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { BACKFILL_SUFFIX } from "@/lib/flags/backfill/key";
import type { BackfillPanelState } from "@/lib/flags/backfill/queries";
import { formatTime } from "@/lib/format/time";

interface Props {
  releaseId: string;
  backfill: BackfillPanelState | null;
  canPause: boolean;
  canResume: boolean;
}

// The backfill's pause button, next to the kill switch. The job reads the switch between batches,
// so a pause takes effect at its next batch; every cockpit shows it within a second.
export function BackfillPanel({ releaseId, backfill, canPause, canResume }: Props) {
  const pause = useMutation(pauseBackfillAction);
  const resume = useMutation(resumeBackfillAction);
  const [reason, setReason] = useState("");
  const paused = !!backfill?.paused;
  const mutation = paused ? resume : pause;
  const mayAct = paused ? canResume : canPause;
  const last = backfill?.last;
  return (
    <section aria-labelledby="backfill-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="backfill-heading" className="text-lg font-semibold">
        Backfill
      </h2>
      {!backfill ? (
        <p className="text-sm text-slate-600">This release has no feature flag configured; its backfill switch comes with it.</p>
      ) : (
        <>
          <p aria-label="Backfill state" className={`text-2xl font-bold ${paused ? "text-red-700" : "text-emerald-700"}`}>
            {paused ? "Backfill PAUSED" : "Backfill running"}
          </p>
          {last && last.paused === paused && (
            <div className="text-sm text-slate-700">
              <p>
                {last.paused ? "Paused" : "Resumed"} by <span className="font-medium">{last.actor}</span> at {formatTime(new Date(last.at))}
              </p>
              {last.reason && <p className={last.auto ? "font-medium text-red-800" : "text-slate-600"}>{last.auto ? last.reason : `“${last.reason}”`}</p>}
            </div>
          )}
          <p className="text-xs text-slate-500">
            The backfill job reads{" "}
            <span className="font-mono text-slate-700">
              {/* A narrow column breaks the long key before its suffix, never inside it. */}
              {backfill.key.slice(0, -BACKFILL_SUFFIX.length)}
              <wbr />
              <span className="whitespace-nowrap">{BACKFILL_SUFFIX}</span>
            </span>{" "}
            (true = paused) over OFREP in {backfill.environment} between batches.
          </p>
          <FormError error={pause.error ?? resume.error} />
          {mayAct ? (
            <form
              className="space-y-2"
              onSubmit={(event) => {
                event.preventDefault();
                pause.clearError();
                resume.clearError();
                void mutation.run({ releaseId, reason }, () => setReason(""));
              }}
            >
              <label className="block text-sm font-medium text-slate-800">
                {/* Not "Reason" or "Why": the Go/Stop and outcome panels' fields, on the same page. */}
                Comment (optional)
                <input
                  value={reason}
                  maxLength={500}
                  onChange={(event) => setReason(event.target.value)}
                  className="mt-1 block w-full rounded-md px-2 py-1 font-normal text-slate-900 ring-1 ring-slate-300"
                />
              </label>
              <button type="submit" disabled={mutation.pending} className={buttonClass(paused ? "primary" : "danger", "w-full")}>
                {paused ? "Resume backfill" : "Pause backfill"}
              </button>
            </form>
          ) : (
            paused && canPause && <p className="text-xs text-slate-500">Resuming is the decision owner’s or backup’s call (or an admin’s).</p>
          )}
        </>
      )}
    </section>
  );
}
